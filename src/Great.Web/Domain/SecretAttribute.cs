namespace Great.Web.Domain;

/// <summary>
/// A credential kept on an entity (a calendar link's token, a roster connection's secret): the audit trail notes
/// that it changed, never its value, and no page shows it to anyone but its owner.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SecretAttribute : Attribute
{
    /// <summary>What the trail writes in place of a secret's value.</summary>
    public const string Mark = "•••";
}
