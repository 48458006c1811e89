using System.Globalization;
using Great.Web.Curriculum;
using Great.Web.Domain;
using Microsoft.Extensions.Localization;

namespace Great.Web.Pages.Reports;

public enum CellKind { Text, Count, Percent, Decimal }

/// <summary>
/// One figure of a report table: a number with how it reads, or text. A count of people that could identify children
/// is already "&lt;10" text here, so the page, the CSV and the workbook cannot differ on it.
/// </summary>
public sealed record ReportCell(CellKind Kind, double? Number, string? Text)
{
    public static ReportCell Of(string? text) => new(CellKind.Text, null, text ?? "");
    public static ReportCell Count(int value) => new(CellKind.Count, value, null);
    /// <summary>A count of people in a table finer than a region: below the threshold it reads "&lt;10" everywhere.</summary>
    public static ReportCell People(int value) => Suppression.Hides(value) ? Of($"<{Suppression.Below}") : Count(value);
    public static ReportCell Percent(double? share) => share is null ? Of("") : new(CellKind.Percent, share, null);
    public static ReportCell Decimal(double? value) => value is null ? Of("") : new(CellKind.Decimal, value, null);

    public bool IsNumber => Number is not null;

    /// <summary>As the page shows it, in the reader's language.</summary>
    public string Display(CultureInfo culture) => Kind switch
    {
        CellKind.Count when Number is { } n => n.ToString("N0", culture),
        CellKind.Percent when Number is { } n => n.ToString("P0", culture),
        CellKind.Decimal when Number is { } n => n.ToString("N1", culture),
        _ => Text ?? "",
    };

    /// <summary>As a CSV carries it: numbers without grouping, in invariant form, so any spreadsheet reads them.</summary>
    public string Csv => Kind switch
    {
        CellKind.Count when Number is { } n => n.ToString("0", CultureInfo.InvariantCulture),
        CellKind.Percent when Number is { } n => n.ToString("0.###", CultureInfo.InvariantCulture),
        CellKind.Decimal when Number is { } n => n.ToString("0.#", CultureInfo.InvariantCulture),
        _ => Text ?? "",
    };
}

/// <summary>A table of the pack, the same on the page, in its CSV and on its sheet of the workbook.</summary>
public sealed record ReportTable(string Key, string Title, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<ReportCell>> Rows, string? Note = null);

/// <summary>The pack's tables, in the reader's language: the one place its figures become cells (and small counts are hidden).</summary>
public static class ReportTables
{
    public static IReadOnlyList<ReportTable> Build(ReportPack pack, CurriculumCatalogue curriculum, IStringLocalizer L)
    {
        var culture = CultureInfo.CurrentCulture;
        string Name(string code) => curriculum.NameOf(code);
        var all = L["All components"].Value;
        var tables = new List<ReportTable>
        {
            new("officers", L["Officers"], [L["Component"], L["Trained"], L["Certified"], L["Active (officers)"], L["Teaching"], L["Lapsed"]],
                pack.Officers.Append(pack.OfficersInAll with { Component = "" })
                    .Select(o => (IReadOnlyList<ReportCell>)[ReportCell.Of(o.Component == "" ? all : Name(o.Component)), ReportCell.Count(o.Trained),
                        ReportCell.Count(o.Certified), ReportCell.Count(o.Active), ReportCell.Count(o.Teaching), ReportCell.Count(o.Lapsed)]).ToList(),
                L["An officer certified for several components counts once in the last row."]),
            new("classes", L["Classes and lessons"], [L["Component"], L["Classes started"], L["Classes finished"], L["Classes cancelled"], L["Lessons delivered"]],
                pack.Classes.Append(new ReportPack.ClassRow("", pack.Classes.Sum(c => c.Started), pack.Classes.Sum(c => c.Finished),
                        pack.Classes.Sum(c => c.Cancelled), pack.Classes.Sum(c => c.Lessons)))
                    .Select(c => (IReadOnlyList<ReportCell>)[ReportCell.Of(c.Component == "" ? all : Name(c.Component)), ReportCell.Count(c.Started),
                        ReportCell.Count(c.Finished), ReportCell.Count(c.Cancelled), ReportCell.Count(c.Lessons)]).ToList()),
            new("reach", L["Students and families"], [L["Component"], L["Students enrolled"], L["Students completed"], L["Families enrolled"], L["Families completed"],
                    L["Target"], L["Share of target"]],
                pack.Reach.Select(r => (IReadOnlyList<ReportCell>)[ReportCell.Of(Name(r.Component)),
                    r.CountsFamilies ? ReportCell.Of("") : ReportCell.Count(r.Enrolled), r.CountsFamilies ? ReportCell.Of("") : ReportCell.Count(r.Completed),
                    r.CountsFamilies ? ReportCell.Count(r.Enrolled) : ReportCell.Of(""), r.CountsFamilies ? ReportCell.Count(r.Completed) : ReportCell.Of(""),
                    r.Target is { } t ? ReportCell.Count(t) : ReportCell.Of(""), ReportCell.Percent(r.ShareOfTarget)]).ToList(),
                TargetNote(pack, L)),
            new("municipalities", L["By municipality"],
                [.. pack.Region is null ? [L["Region"].Value] : Array.Empty<string>(), L["Municipality"], L["Students enrolled"], L["Students completed"],
                    L["Families enrolled"], L["Families completed"]],
                pack.Municipalities.Select(m => (IReadOnlyList<ReportCell>)[.. pack.Region is null ? [ReportCell.Of(m.Region)] : Array.Empty<ReportCell>(),
                    ReportCell.Of(m.Municipality), ReportCell.People(m.StudentsEnrolled), ReportCell.People(m.StudentsCompleted),
                    ReportCell.People(m.FamiliesEnrolled), ReportCell.People(m.FamiliesCompleted)]).ToList(),
                L["Counts below {0} read “<{0}”: in an area this small they could identify children.", Suppression.Below]),
            new("months", L["By month"], [L["Month"], L["Lessons delivered"], L["Students completed"], L["Families completed"]],
                pack.Months.Select(m => (IReadOnlyList<ReportCell>)[ReportCell.Of(m.FirstDay.ToString("MMMM yyyy", culture)), ReportCell.Count(m.Lessons),
                    ReportCell.Count(m.StudentsCompleted), ReportCell.Count(m.FamiliesCompleted)]).ToList()),
            new("fidelity", L["Fidelity"], [L["Component"], L["Lessons with dosage"], L["Activities done (mean)"], L["Minutes taught against planned"],
                    L["Observations"], L["Observations passed"]],
                pack.Fidelity.Select(f => (IReadOnlyList<ReportCell>)[ReportCell.Of(Name(f.Component)), ReportCell.Count(f.Figures.LessonsWithDosage),
                    ReportCell.Percent(f.Figures.MeanAdherence), ReportCell.Percent(f.Figures.MinutesRatio), ReportCell.Count(f.Figures.Observations),
                    ReportCell.Count(f.Figures.ObservationsPassed)]).ToList(),
                pack.Period.IsWholeMonths ? null : L["Fidelity is kept by calendar month: these figures cover every month the period touches."].Value),
            new("definitions", L["Definitions"], [L["Term"], L["Meaning"]],
                Definitions(curriculum, L).Select(d => (IReadOnlyList<ReportCell>)[ReportCell.Of(d.Term), ReportCell.Of(d.Meaning)]).ToList()),
        };
        return tables;
    }

    private static string TargetNote(ReportPack pack, IStringLocalizer L) =>
        L["Targets are those of the school year the period ends in: {0}.",
            string.Join(", ", pack.TargetYears.Select(t => $"{t.Region.Name} {t.Region.SchoolYearLabel(t.SchoolYear)}"))];

    /// <summary>What each figure means, and what "completed" means for each component, in the reader's language.</summary>
    public static IReadOnlyList<(string Term, string Meaning)> Definitions(CurriculumCatalogue curriculum, IStringLocalizer L)
    {
        var terms = new List<(string, string)>
        {
            (L["Trained"], L["Officers whose training for the component (the training day on their certification) falls in the period."]),
            (L["Certified"], L["Officers certified for the component on a day in the period."]),
            (L["Active (officers)"], L["Officers who may teach the component on the period's last day (today, while the period runs)."]),
            (L["Teaching"], L["Officers who are the instructor of a class of the component taught in the period."]),
            (L["Lapsed"], L["Officers who might teach the component on the period's first day and no longer on its last: expired, suspended or revoked."]),
            (L["Classes started"], L["Classes whose first lesson was taught in the period."]),
            (L["Classes finished"], L["Classes taught to their end (finished, or every lesson recorded) whose latest lesson falls in the period."]),
            (L["Classes cancelled"], L["Classes cancelled on a day in the period."]),
            (L["Lessons delivered"], L["Lessons recorded as taught on a day in the period, in classes not cancelled."]),
            (L["Students enrolled"], L["Students on the roster of a class taught in the period (first lesson on or before its last day, latest lesson on or after its first)."]),
            (L["Students completed"], L["Students who met the component's completion rule in a class whose latest lesson falls in the period."]),
            (L["Families enrolled"], L["Households with a member on the roster of a Families group taught in the period."]),
            (L["Families completed"], L["Households that met the household rule in a group whose latest session falls in the period."]),
            (L["Target"], L["Students (or families) to complete in the school year the period ends in."]),
        };
        foreach (var component in curriculum.Current)
        {
            var rule = component.Households is { } households
                ? households.Describe(L, component.Completion, component.LessonCount)
                : component.Completion.Describe(L, component.LessonCount);
            terms.Add((L["Completed: {0}", component.Name.Current], rule));
        }
        return terms;
    }
}
