using FluentValidation;
using Great.Web.Pages.Reach;
using Great.Web.Resources;
using Great.Web.Security;
using Great.Web.Telemetry;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Great.Web.Pages;

public static class PageServices
{
    public static IServiceCollection AddGreatPages(this IServiceCollection services)
    {
        services.AddMemoryCache();
        // Officers' phones are often on weak networks: pages and JSON go compressed (static files come precompressed
        // from the build, see MapStaticAssets). Antiforgery tokens differ on every response, so compressing pages over
        // HTTPS does not expose them (BREACH); see docs/decisions/ADR-006-offline-phone.md.
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProvider>();
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProvider>();
        });
        services.Configure<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.Configure<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.AddRazorPages(o =>
            {
                o.AddGreatPageConventions();
                o.Conventions.ConfigureFilter(new ValidatorPageFilter());
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o =>
                o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        services.ConfigureOptions<LocalizedBindingMessages>();
        services.ConfigureOptions<TypedTextBinding>();
        services.Configure<MvcOptions>(o =>
        {
            // FluentValidation is the one source of field errors (in the user's language), and an empty field
            // binds as "" rather than null, so validators and pages never meet a null in a non-nullable string.
            o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
            o.ModelMetadataDetailsProviders.Add(new EmptyStringStaysEmpty());
        });
        // A phone's JSON that does not parse gets the localized "not valid" message, not the parser's English.
        services.Configure<Microsoft.AspNetCore.Mvc.JsonOptions>(o => o.AllowInputFormatterExceptionMessages = false);
        ValidatorOptions.Global.DefaultRuleLevelCascadeMode = CascadeMode.Stop;
        services.AddValidatorsFromAssemblyContaining<Program>(includeInternalTypes: true);
        return services;
    }

    public static WebApplication UseGreatPages(this WebApplication app)
    {
        app.UseGreatTransportSecurity();
        app.UseResponseCompression();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
        }
        // 403 and 404 get a friendly page in the user's language, with the status code kept.
        app.UseStatusCodePagesWithReExecute("/Status", "?code={0}");
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseAuthentication();
        // What a signed-in user is shown (rosters, minors' names) is never kept in the browser's HTTP cache, so
        // nothing of a session is left on a shared computer after sign-out. Files keep their own caching.
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                if (context.User.Identity?.IsAuthenticated == true && !context.Response.Headers.ContainsKey("Cache-Control"))
                    context.Response.Headers.CacheControl = "no-store";
                return Task.CompletedTask;
            });
            return next(context);
        });
        app.UseRateLimiter();
        app.UseAuthorization();
        // Files are public: the login page needs its styles, and browsers fetch the app manifest without cookies.
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorPages().WithStaticAssets();
        // The status, and each check's own words (the database, the jobs' storage, the age of the last good backup).
        app.MapHealthChecks("/health", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions
        {
            ResponseWriter = (context, report) => context.Response.WriteAsJsonAsync(new
            {
                status = report.Status.ToString(),
                checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
            }),
        }).AllowAnonymous();
        app.MapReachApi();
        app.MapGreatTelemetry();
        return app;
    }
}

/// <summary>Model-binding messages ("not a number", "required") in the user's language.</summary>
internal sealed class LocalizedBindingMessages(IStringLocalizer<SharedResource> L) : IConfigureOptions<MvcOptions>
{
    public void Configure(MvcOptions o)
    {
        var messages = o.ModelBindingMessageProvider;
        messages.SetValueMustNotBeNullAccessor(_ => L["A value is required."]);
        messages.SetMissingBindRequiredValueAccessor(_ => L["A value is required."]);
        messages.SetMissingKeyOrValueAccessor(() => L["A value is required."]);
        messages.SetMissingRequestBodyRequiredValueAccessor(() => L["A value is required."]);
        messages.SetAttemptedValueIsInvalidAccessor((value, _) => L["'{0}' is not valid here.", value]);
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => L["'{0}' is not valid here.", value]);
        messages.SetValueIsInvalidAccessor(value => L["'{0}' is not valid here.", value]);
        messages.SetUnknownValueIsInvalidAccessor(_ => L["The value is not valid."]);
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => L["The value is not valid."]);
        messages.SetValueMustBeANumberAccessor(_ => L["Enter a number."]);
        messages.SetNonPropertyValueMustBeANumberAccessor(() => L["Enter a number."]);
    }
}

internal sealed class EmptyStringStaysEmpty : Microsoft.AspNetCore.Mvc.ModelBinding.Metadata.IDisplayMetadataProvider
{
    public void CreateDisplayMetadata(Microsoft.AspNetCore.Mvc.ModelBinding.Metadata.DisplayMetadataProviderContext context) =>
        context.DisplayMetadata.ConvertEmptyStringToNull = false;
}
