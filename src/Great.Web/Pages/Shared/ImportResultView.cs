using Great.Web.Imports;

namespace Great.Web.Pages.Shared;

public sealed record ImportResultView(IReadOnlyList<ImportError> Errors, RosterStage? Stage, IReadOnlyList<string> IgnoredColumns, string? FileName);
