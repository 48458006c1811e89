using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Great.Web.Data;

// `dotnet ef migrations add X --context SqliteGreatDbContext --output-dir Data/Migrations/Sqlite`, and the same with
// PostgresGreatDbContext into Data/Migrations/Postgres: adding a migration needs the provider, not a database.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteGreatDbContext>
{
    public SqliteGreatDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteGreatDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresGreatDbContext>
{
    public PostgresGreatDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresGreatDbContext>().UseNpgsql("Host=localhost;Database=great_design_time").Options);
}
