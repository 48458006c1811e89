using Great.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Great.IntegrationTests.Fidelity;

/// <summary>A manager finds lessons to observe without knowing an address: taught lately and not observed, or coming soon.</summary>
public class LessonsToObserveTests(GreatAppFactory app) : IClassFixture<GreatAppFactory>
{
    [Fact]
    public async Task Should_list_the_lessons_a_manager_may_observe_with_a_link_to_observe_each_recent_one()
    {
        // A class of the region: lesson 1 taught three days ago, lesson 2 planned in four days.
        var classId = await app.NewClassAsync("SV-10102", "ELEM", "4", "OBS", officerBadge: "SV-4471", students: 3, startedDaysAgo: 3);
        await app.RecordLessonsAsync(classId, 1);
        var manager = await app.SignedInAsync(DemoAccounts.ManagerSv, "es");
        var page = await manager.GetDocumentAsync("/Observations");
        var recent = page.QuerySelector($"#recent-lessons li[data-class-id='{classId}'][data-lesson='1']")!;
        Assert.Equal($"/Observations/Record/{classId}?lessonNumber=1", recent.QuerySelector("a")!.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector($"#upcoming-lessons li[data-class-id='{classId}'][data-lesson='2']"));
        // The demo has lessons of its own to observe: a manager who opens the page first finds some.
        Assert.Contains(page.QuerySelectorAll("#recent-lessons li"), li => li.GetAttribute("data-class-id") != classId.ToString());

        // Another region's manager is offered none of this region's lessons.
        var honduras = await app.SignedInAsync(DemoAccounts.ManagerHn, "es");
        Assert.Null((await honduras.GetDocumentAsync("/Observations")).QuerySelector($"[data-class-id='{classId}']"));
    }
}
