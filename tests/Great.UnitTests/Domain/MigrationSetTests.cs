using Great.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Great.UnitTests.Domain;

/// <summary>Both migration sets come from the one model: a model change added to only one of them fails here.</summary>
public class MigrationSetTests
{
    [Fact]
    public void Should_have_every_model_change_in_the_sqlite_migrations()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "Run: dotnet ef migrations add <Name> --context SqliteGreatDbContext --output-dir Data/Migrations/Sqlite");
        Assert.Contains(db.Database.GetMigrations(), m => m.EndsWith("_Initial"));
    }

    [Fact]
    public void Should_have_every_model_change_in_the_postgres_migrations()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "Run: dotnet ef migrations add <Name> --context PostgresGreatDbContext --output-dir Data/Migrations/Postgres");
        Assert.Contains(db.Database.GetMigrations(), m => m.EndsWith("_Initial"));
    }

    [Fact]
    public void Should_keep_the_two_sets_apart()
    {
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var postgres = new PostgresDesignTimeFactory().CreateDbContext([]);
        Assert.Equal(sqlite.Database.GetMigrations().Count(), postgres.Database.GetMigrations().Count());
        Assert.Empty(sqlite.Database.GetMigrations().Intersect(postgres.Database.GetMigrations()));
    }
}
