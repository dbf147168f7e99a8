using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Warta.Web.Data;

namespace Warta.Tests.Operations;

/// <summary>
/// Upgrading a SQLite file that holds data first copies it beside itself: SQLite's table rebuilds run partly outside the
/// migration's transaction. These tests use their own SQLite files in both suites (the copy is a SQLite matter).
/// </summary>
public sealed class UpgradeBackupTests : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("warta-upgrade-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    SqliteWartaDb Open(string file)
    {
        var options = new DbContextOptionsBuilder<SqliteWartaDb>();
        DatabaseSetup.ConfigureSqlite(options, $"Data Source={file}");
        return new SqliteWartaDb(options.Options);
    }

    [Fact]
    public async Task An_upgrade_of_a_database_with_data_is_copied_first_and_the_copy_holds_the_old_data()
    {
        var file = Path.Combine(_folder, "warta.db");
        string previous, last;
        await using (var db = Open(file))
        {
            var all = db.Database.GetMigrations().ToList();
            (previous, last) = (all[^2], all[^1]);
            await db.GetService<IMigrator>().MigrateAsync(previous);
            await db.Database.ExecuteSqlRawAsync("INSERT INTO Channels (Name, Slug, \"Order\") VALUES ('Lama', 'lama', 1)");
        }
        await using (var db = Open(file))
        {
            await DatabaseSetup.MigrateAsync(db);
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        }

        var copy = file + ".before-" + last;
        Assert.True(File.Exists(copy), "no copy was written before the upgrade");
        await using (var old = Open(copy))
        {
            Assert.Equal(previous, (await old.Database.GetAppliedMigrationsAsync()).Last());
            Assert.Equal(["lama"], await old.Channels.Where(c => c.Slug == "lama").Select(c => c.Slug).ToListAsync());
        }
        // A second start with nothing pending writes no further copy.
        await using (var db = Open(file)) Assert.Null(await DatabaseSetup.BackUpBeforeUpgradeAsync(db));
        Assert.Single(Directory.GetFiles(_folder, "warta.db.before-*"));
    }

    [Fact]
    public async Task A_new_database_is_not_copied()
    {
        var file = Path.Combine(_folder, "new.db");
        await using (var db = Open(file)) await DatabaseSetup.MigrateAsync(db);
        Assert.True(File.Exists(file));
        Assert.Empty(Directory.GetFiles(_folder, "*.before-*"));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void The_key_ring_folder_is_readable_by_its_owner_only()
    {
        var path = Path.Combine(_folder, "keys");
        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var folder = Warta.Web.Accounts.AccountRules.KeyFolder(path);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder.FullName));
    }
}
