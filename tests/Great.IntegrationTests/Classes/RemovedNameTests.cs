using System.Net;
using Great.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Great.IntegrationTests.Classes;

/// <summary>A name removed by retention or an erasure request stays removed, whichever page a person edits it on.</summary>
public class RemovedNameTests(GreatAppFactory app) : IClassFixture<GreatAppFactory>
{
    [Theory]
    [InlineData("es", "El nombre de este estudiante se retiró")]
    [InlineData("en", "This student's name was removed")]
    public async Task Should_refuse_to_type_a_removed_name_back_on_the_enrolment_page(string language, string refusal)
    {
        var classId = await app.NewClassAsync("SV-10101", "ELEM", "5", "RN" + language, students: 2);
        var (enrollmentId, studentId) = await app.QueryAsync(async db =>
        {
            var enrollment = await db.Enrollments.Include(e => e.Student).Where(e => e.ClassId == classId).OrderBy(e => e.Id).FirstAsync();
            enrollment.Student.Pseudonymise(app.Time.GetUtcNow(), "retention (test)");
            await db.SaveChangesAsync();
            return (enrollment.Id, enrollment.StudentId);
        });
        var coordinator = await app.SignedInAsync(DemoAccounts.Coordinator, language);
        // The coordinator's own language, as they would choose it (this class's database is its own).
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.SubmitAsync("/Schools", [new("culture", language)], "form#language-switch")).StatusCode);

        var typedBack = await coordinator.SubmitAsync($"/Classes/Enrollment/{enrollmentId}?culture={language}",
            [new("Input.GivenName", "Daniela"), new("Input.FamilyName", "Núñez"), new("Input.LocalId", "SV-01-999")], "form#edit-student");
        Assert.Equal(HttpStatusCode.OK, typedBack.StatusCode);
        Assert.Contains(refusal, (await Forms.ParseAsync(typedBack)).Text());
        var student = await app.QueryAsync(db => db.Students.AsNoTracking().SingleAsync(s => s.Id == studentId));
        Assert.Equal(($"ANON-{studentId}", "X", (string?)null), (student.GivenName, student.FamilyInitial, student.LocalId));
    }
}
