using Great.Web.Imports;
using Great.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Great.Web.Pages.Shared;

public sealed record ImportResultView(IReadOnlyList<ImportError> Errors, RosterStage? Stage, IReadOnlyList<string> IgnoredColumns, string? FileName);

/// <summary>The classes of a OneRoster roster with the choices a person has for each (see _ClassMapping).</summary>
public sealed record ClassMappingView(IReadOnlyList<OneRosterImport.ClassMapping> Classes, IReadOnlyList<Great.Web.Curriculum.CurriculumComponent> Components,
    IReadOnlyList<(int Id, string Name)> UnmappedClasses);

/// <summary>
/// What an import did, in one sentence after it is confirmed: each kind of change with its count in the right plural
/// form ("1 clase nueva", "3 estudiantes nuevos"), kinds with none left out; nothing changed says so.
/// </summary>
public static class ImportSummary
{
    public static string Of(IStringLocalizer L, RosterStage stage)
    {
        var parts = Enum.GetValues<ChangeKind>().Select(kind => (Kind: kind, Count: stage.Count(kind))).Where(p => p.Count > 0)
            .Select(p => L.Plural(KeyOf(p.Kind), p.Count, p.Count.ToString("N0")).Value).ToList();
        return parts.Count == 0 ? L["Imported: nothing changed."].Value : L["Imported: {0}.", string.Join(", ", parts)].Value;
    }

    /// <summary>The plural message of a kind of change (resources key|one and key|other).</summary>
    public static string KeyOf(ChangeKind kind) => kind switch
    {
        ChangeKind.NewClass => "{0} new classes",
        ChangeKind.NewStudent => "{0} new students",
        ChangeKind.Enrolled => "{0} enrolled again",
        ChangeKind.Updated => "{0} updated",
        ChangeKind.Withdrawn => "{0} withdrawn",
        _ => "{0} unchanged",
    };
}
