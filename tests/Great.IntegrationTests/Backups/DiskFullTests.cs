using System.Net;
using System.Text;
using Great.IntegrationTests.Infrastructure;
using Great.IntegrationTests.ScaleOut;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Great.IntegrationTests.Backups;

/// <summary>
/// A database that cannot grow (a full disk, simulated with SQLite's max_page_count through Database:MaxPageCount):
/// the user is told in their language, nothing is half-written, and saving works again as soon as there is room.
/// </summary>
public class DiskFullTests(SqliteDemoFactory app) : IClassFixture<SqliteDemoFactory>
{
    private Task<long> PragmaAsync(string name) => app.QueryAsync(db => db.Database.SqlQueryRaw<long>(name switch
    {
        "page_count" => "SELECT page_count AS \"Value\" FROM pragma_page_count()",
        "page_size" => "SELECT page_size AS \"Value\" FROM pragma_page_size()",
        _ => "SELECT freelist_count AS \"Value\" FROM pragma_freelist_count()",
    }).SingleAsync());

    [Fact]
    public async Task Should_say_the_database_is_full_change_nothing_and_save_again_when_there_is_room()
    {
        var browser = await app.SignedInAsync(DemoAccounts.Coordinator, "es");
        var classId = await app.QueryAsync(db => db.Classes.Where(c => c.School.Code == "SV-10101" && c.Grade == "5" && c.Section == "B").Select(c => c.Id).SingleAsync());
        await browser.GetDocumentAsync($"/Classes/Import/{classId}"); // the page's own reads done before the limit

        // A roster larger than every free page the file holds: kept for its preview, it needs the file to grow.
        var room = (await PragmaAsync("freelist_count") + 64) * await PragmaAsync("page_size");
        var csv = new StringBuilder("given_name,family_name,student_id\n");
        for (var n = 0; csv.Length < room; n++) csv.Append($"Estudiante{n},Lleno,FULL-{n:00000}\n");
        var file = Uploads.Utf8(csv.ToString());

        var config = app.Services.GetRequiredService<IConfiguration>();
        config["Database:MaxPageCount"] = (await PragmaAsync("page_count")).ToString();
        var before = await app.RowCountAsync(audit: true);
        var full = await browser.UploadAsync($"/Classes/Import/{classId}", "grande.csv", file);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, full.StatusCode);
        var page = await Forms.ParseAsync(full);
        Assert.Contains("No se guardó nada: no queda espacio para la base de datos de Great.", page.QuerySelector("#database-full")!.TextContent);
        Assert.Equal(before, await app.RowCountAsync(audit: true));

        // Room again: the same file is kept for its preview.
        config["Database:MaxPageCount"] = null;
        var saved = await browser.FollowAsync(await browser.UploadAsync($"/Classes/Import/{classId}", "grande.csv", file));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.NotNull((await Forms.ParseAsync(saved)).QuerySelector("#import-preview"));
        Assert.True(await app.RowCountAsync(audit: true) > before);
    }
}
