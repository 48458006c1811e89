using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Great.BrowserTests;

/// <summary>A new officer to full certification: the manager assigns a mentor, the mentor observes from a phone and signs off.</summary>
/// <remarks>
/// In the offline collection's app: it changes a certification and adds a class, as those tests do, and a third app
/// with its own Chromium beside the other two overloads a two-core machine.
/// </remarks>
[Collection(OfflineCollection.Name)]
public class MentoringJourneyTests(BrowserFixture app) : BrowserTest(app)
{

    /// <summary>The provisional officer's Elementary class with lesson 1 recorded today, through the class's own rules.</summary>
    private async Task<int> ClassWithLessonAsync(string badge)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GreatDbContext>();
        var plan = scope.ServiceProvider.GetRequiredService<CurriculumCatalogue>().Find("ELEM", "2024")!.LessonNumber(1)!;
        var officer = await db.Instructors.Include(i => i.Certifications).SingleAsync(i => i.BadgeNumber == badge);
        var school = await db.Schools.Include(s => s.Region).SingleAsync(s => s.Code == "SV-10102");
        var today = school.Region.Today(app.Clock);
        var schoolClass = SchoolClass.Create(school, "ELEM", "2024", school.Region.SchoolYearOf(today), "4", "C", officer);
        var enrolled = Enumerable.Range(1, 5).Select(n => schoolClass.Enroll(new Student { School = school, GivenName = $"Niña{n}", FamilyInitial = "R" }, today.AddDays(-7))).ToList();
        db.Classes.Add(schoolClass);
        await db.SaveChangesAsync();
        schoolClass.RecordLesson(1, 6, today, officer, today, enrolled.Select(e => e.Id).ToHashSet(), null, app.Clock.GetUtcNow(),
            dosage: Dosage.For(plan, 45, plan.AllActivities));
        await db.SaveChangesAsync();
        return schoolClass.Id;
    }

    [Fact]
    public async Task Should_take_a_provisional_officer_to_active_through_a_mentor_assigned_by_the_manager_who_observes_from_a_phone()
    {
        var classId = await ClassWithLessonAsync("SV-6001");

        // The manager finds the new officer, provisional for Elementary, and assigns Carlos as mentor.
        var manager = await NewPageAsync(locale: "es-SV");
        await manager.SignInAsync("manager.sv@example.org");
        await manager.Locator("nav a[href='/Instructors']").ClickAsync();
        await manager.GetByRole(AriaRole.Link, new() { Name = "Rivas Melara, Jorge Alberto" }).ClickAsync();
        var elementary = manager.Locator("#certifications tr[data-component=ELEM]");
        Assert.Contains("Provisional", await elementary.TextContentAsync());
        await elementary.GetByRole(AriaRole.Link, new() { Name = "Asignar un mentor" }).ClickAsync();
        await manager.Locator("#MentorId").SelectOptionAsync(new SelectOptionValue { Label = "Hernández Rivas, Carlos · SV-4471" });
        await manager.GetByRole(AriaRole.Button, new() { Name = "Asignar" }).ClickAsync();
        await manager.WaitForURLAsync("**/Instructors/Details/*");
        Assert.Contains("es ahora mentor de Jorge Alberto Rivas Melara", await manager.Locator(".alert-success").TextContentAsync());
        Assert.Contains("Mentor: Carlos Hernández Rivas", await elementary.TextContentAsync());

        // The mentor, on a phone, opens his mentoring list and observes the lesson he watched.
        var mentor = await NewPageAsync(locale: "es-SV", width: 360, height: 740);
        await mentor.SignInAsync("instructor@example.org");
        await mentor.OpenPhoneMenuAsync();
        await mentor.Locator("nav a[href='/Observations']").ClickAsync();
        var mentee = mentor.Locator("#mentees tr", new() { HasText = "Jorge Alberto Rivas Melara" });
        await mentee.Locator($"a[href='/Observations/Record/{classId}']").ClickAsync();
        Assert.Equal("1", await mentor.Locator("#Input_LessonNumber").InputValueAsync());
        await mentor.Locator("#activities-seen .check-row").Nth(2).ClickAsync(); // one activity not seen
        foreach (var (part, level) in new[] { ("Preparation", 3), ("Engagement", 4), ("ClassroomManagement", 3), ("ContentAccuracy", 4) })
        {
            await mentor.Locator($"label[for='Input.{part}-{level}']").ClickAsync();
        }
        await mentor.Locator("#Input_Strengths").FillAsync("Explicó los pasos con ejemplos del barrio.");
        await mentor.Locator("label[for='outcome-Pass']").ClickAsync();
        await mentor.Locator("label[for='Input_SignOff']").ClickAsync();
        await mentor.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "mentor-observation-phone.png"), FullPage = true });
        await mentor.Locator(".sticky-submit button").ClickAsync();
        await mentor.WaitForURLAsync("**/Observations/Details/*");
        Assert.Contains("Jorge Alberto Rivas Melara queda plenamente certificado", await mentor.Locator(".alert-success").TextContentAsync());
        Assert.Contains("3 / 4", await mentor.Locator("#observation").TextContentAsync());

        // The certification is Active on the manager's page, and the change is in its history.
        await manager.ReloadAsync();
        Assert.Contains("Vigente", await elementary.TextContentAsync());
        Assert.Contains("Visto bueno del mentor", await elementary.TextContentAsync());
        Assert.Contains("Certificación", await manager.Locator("#audit-trail").TextContentAsync());
    }
}
