using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Jobs;
using Great.Web.Pages;
using Great.Web.Resources;
using Great.Web.Security;

// `dotnet run -- create-admin --email E` runs a command instead of the web app.
var command = args.FirstOrDefault(a => !a.StartsWith('-') && !a.Contains('='));
var builder = WebApplication.CreateBuilder(args.Where(a => a != command).ToArray());

builder.Services.AddGreatCurriculum(builder.Configuration);
builder.Services.AddGreatData(builder.Configuration, builder.Environment);
builder.Services.AddGreatSecurity();
builder.Services.AddGreatLocalization();
builder.Services.AddGreatPages();
builder.Services.AddGreatJobs(builder.Configuration);

var app = builder.Build();

if (command is not null)
{
    return await AdminCommands.RunAsync(app, command, builder.Configuration);
}

await app.Services.PrepareDatabaseAsync(app.Configuration, app.Environment);
app.UseGreatPages();
app.UseGreatJobs();
await app.RunAsync();
return 0;

public partial class Program;
