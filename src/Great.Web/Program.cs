using Great.Web.Commands;
using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Jobs;
using Great.Web.Pages;
using Great.Web.Resources;
using Great.Web.Security;
using Great.Web.Telemetry;

// `dotnet run -- create-admin --email E` (or `-- --help`) runs a command; anything else is the web app and its host options.
if (GreatCommands.IsCommand(args)) return await GreatCommands.RunAsync(args, Build);

var app = Build(args);
await app.Services.PrepareDatabaseAsync(app.Configuration, app.Environment);
app.UseGreatPages();
app.UseGreatJobs();
await app.RunAsync();
return 0;

static WebApplication Build(string[] args)
{
    var builder = WebApplication.CreateBuilder(args);
    builder.Services.AddGreatCurriculum(builder.Configuration);
    builder.Services.AddGreatData(builder.Configuration, builder.Environment);
    builder.Services.AddGreatSecurity(builder.Configuration, builder.Environment);
    builder.Services.AddGreatLocalization();
    builder.Services.AddGreatPages();
    builder.Services.AddGreatJobs(builder.Configuration);
    builder.Services.AddGreatTelemetry(builder.Configuration);
    return builder.Build();
}

public partial class Program;
