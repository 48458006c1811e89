using Great.Web.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Great.IntegrationTests.Infrastructure;

public static class AppDb
{
    /// <summary>Runs a query against the app's own database, to find ids and to check what a request wrote.</summary>
    public static async Task<T> QueryAsync<T>(this GreatAppFactory app, Func<GreatDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<GreatDbContext>());
    }
}
