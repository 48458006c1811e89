using Great.IntegrationTests.Infrastructure;
using Great.Web.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Great.IntegrationTests.Reach;

/// <summary>Every chart drawn in Spanish: its coordinates are numbers SVG reads (a decimal comma drew no bar).</summary>
public class ChartNumberTests(GreatAppFactory app) : IClassFixture<GreatAppFactory>
{
    private static readonly string[] Coordinates = ["x", "y", "x1", "x2", "y1", "y2", "width", "height", "cx", "cy", "r", "points"];

    [Theory]
    [InlineData("/Reach/Fidelity", "#adherence-chart")]
    [InlineData("/Reach", "#completion-chart")]
    [InlineData("/Reports", "svg.report-chart")]
    public async Task Should_write_every_coordinate_of_a_chart_the_way_svg_reads_it_in_spanish(string page, string chart)
    {
        // A lesson of this school year taught today with part of its activities: a fidelity bar of a fractional height,
        // on any day (on 1 January El Salvador's year has nothing else yet).
        if (await app.QueryAsync(db => db.Classes.AnyAsync(c => c.Section == "CHART")) is false)
        {
            var classId = await app.NewClassAsync("SV-10101", "ELEM", "5", "CHART", officerBadge: "SV-4471", students: 2);
            await app.RecordLessonsAsync(classId, 1, dosage: true);
        }
        await app.RunAsync<ReachRollupJob>(j => j.RunFullAsync());
        var manager = await app.SignedInAsync(DemoAccounts.ManagerSv, "es");
        // The report over the half year up to the app's today, months the demo has taught lessons in.
        var today = DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime);
        var query = page == "/Reports" ? $"?kind=Custom&from={today.AddDays(-182):yyyy-MM-dd}&to={today:yyyy-MM-dd}&culture=es" : "?culture=es";
        var document = await manager.GetDocumentAsync(page + query);
        var charts = document.QuerySelectorAll(chart);
        Assert.NotEmpty(charts);
        var attributes = charts.SelectMany(c => c.QuerySelectorAll("*"))
            .SelectMany(e => Coordinates.Select(a => (Name: a, Value: e.GetAttribute(a))).Where(a => a.Value is not null)).ToList();
        Assert.NotEmpty(attributes);
        const string number = @"-?\d+(\.\d+)?";
        // One number with a full stop before its decimals; a polyline's points are pairs "x,y" apart by spaces.
        Assert.All(attributes.Where(a => a.Name != "points"), a => Assert.Matches($"^{number}$", a.Value!.Trim()));
        Assert.All(attributes.Where(a => a.Name == "points"), a => Assert.Matches($"^{number},{number}( {number},{number})*$", a.Value!.Trim()));
    }
}
