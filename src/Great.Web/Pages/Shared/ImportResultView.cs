using Great.Web.Imports;

namespace Great.Web.Pages.Shared;

public sealed record ImportResultView(IReadOnlyList<ImportError> Errors, RosterStage? Stage, IReadOnlyList<string> IgnoredColumns, string? FileName);

/// <summary>The classes of a OneRoster roster with the choices a person has for each (see _ClassMapping).</summary>
public sealed record ClassMappingView(IReadOnlyList<OneRosterImport.ClassMapping> Classes, IReadOnlyList<Great.Web.Curriculum.CurriculumComponent> Components,
    IReadOnlyList<(int Id, string Name)> UnmappedClasses);
