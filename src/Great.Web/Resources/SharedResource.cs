namespace Great.Web.Resources;

/// <summary>
/// Marker for the one shared resource set. Keys are the English text (so English needs no file);
/// SharedResource.es.resx holds the Spanish. A unit test checks that every key used has a translation.
/// </summary>
public sealed class SharedResource;
