using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Great.Web.Data;

/// <summary>
/// The save pipeline, in the one order every provider runs it. A save enters the write queue and opens its
/// transaction (<see cref="GreatDbContext.SaveChangesAsync(bool, CancellationToken)"/>); then, before the rows are written:
/// <list type="number">
/// <item><see cref="DomainEventDispatcher"/> takes the domain events of the save (and the rows added or removed) and
/// adds the roll-up requests they imply; after the rows are written it recounts the progress they change;</item>
/// <item><see cref="Security.AccountChangeInterceptor"/> adds the security events of account changes;</item>
/// <item><see cref="AuditInterceptor"/> comes last, so it sees every row the steps before it added, and writes the
/// audit trail (in a second save, once new rows have their keys);</item>
/// <item>the provider's own parts (SQLite's pragmas; the crash tests' commit hold, ADR-017).</item>
/// </list>
/// Everything commits together or not at all. No page, import or job writes any of it itself.
/// </summary>
public static class SavePipeline
{
    public static IServiceCollection AddSavePipeline(this IServiceCollection services)
    {
        services.AddSingleton<DomainEventDispatcher>();
        services.AddSingleton<Security.SecurityEventFactory>();
        services.AddScoped<Security.AccountChangeInterceptor>();
        services.AddScoped<AuditInterceptor>();
        return services;
    }

    public static IInterceptor[] Interceptors(IServiceProvider services, params IInterceptor[] providersOwn) =>
    [
        services.GetRequiredService<DomainEventDispatcher>(),
        services.GetRequiredService<Security.AccountChangeInterceptor>(),
        services.GetRequiredService<AuditInterceptor>(),
        .. providersOwn,
    ];
}
