using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Warta.Tests.Infrastructure;

namespace Warta.Tests.Operations;

/// <summary>Runs once per provider (the suite runs on SQLite and again on PostgreSQL): each has its own migrations.</summary>
public sealed class MigrationTests(WartaFactory app) : IClassFixture<WartaFactory>
{
    [Fact]
    public void The_model_has_no_change_that_no_migration_holds()
    {
        using var scope = app.Services.CreateScope();
        var db = app.Db(scope);
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The EF model of {db.GetType().Name} differs from its last migration's snapshot: run scripts/add-migration.sh NAME.");
    }

    [Fact]
    public async Task Every_migration_of_the_provider_is_applied_on_start()
    {
        using var scope = app.Services.CreateScope();
        var db = app.Db(scope);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
    }
}
