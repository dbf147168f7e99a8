using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Warta.Web.Data;

public enum DatabaseProvider { Sqlite, Postgres }

public sealed class WartaPaths(IConfiguration configuration)
{
    /// <summary>The data folder (<c>Warta:DataPath</c>, default <c>./data</c>), created when missing.</summary>
    public string Data { get; } = Directory.CreateDirectory(Path.GetFullPath(configuration["Warta:DataPath"] ?? "data")).FullName;
}

public static class DatabaseSetup
{
    public static DatabaseProvider Provider(IConfiguration configuration)
    {
        var name = configuration["Warta:Database:Provider"] ?? "sqlite";
        return name.ToLowerInvariant() switch
        {
            "sqlite" => DatabaseProvider.Sqlite,
            "postgres" or "postgresql" or "npgsql" => DatabaseProvider.Postgres,
            _ => throw new InvalidOperationException(
                $"Warta:Database:Provider is '{name}'; it must be 'sqlite' or 'postgres'."),
        };
    }

    public static IServiceCollection AddWartaDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = Provider(configuration);
        var connection = configuration.GetConnectionString("Warta");
        // Tests turn EF's warnings about slow query shapes into errors, so such a query fails a test instead of a log line.
        var strict = configuration.GetValue<bool>("Warta:Database:StrictQueries");
        void Strict(DbContextOptionsBuilder o)
        {
            if (strict) o.ConfigureWarnings(w => w.Throw(RelationalEventId.MultipleCollectionIncludeWarning));
        }
        if (provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(connection))
                throw new InvalidOperationException("ConnectionStrings:Warta must be set when Warta:Database:Provider is 'postgres'.");
            services.AddDbContextPool<WartaDb, PostgresWartaDb>(o => Strict(ConfigurePostgres(o, connection)));
        }
        else
        {
            if (string.IsNullOrWhiteSpace(connection))
            {
                var folder = new WartaPaths(configuration).Data;
                connection = $"Data Source={Path.Combine(folder, "warta.db")}";
            }
            services.AddDbContextPool<WartaDb, SqliteWartaDb>(o => Strict(ConfigureSqlite(o, connection)));
        }
        return services;
    }

    public static DbContextOptionsBuilder ConfigureSqlite(DbContextOptionsBuilder options, string connection) =>
        options.UseSqlite(connection, s => s.MigrationsHistoryTable("__migrations"))
            .AddInterceptors(SqlitePragmas.Instance)
            // SQLite rebuilds a changed table with foreign keys off, which cannot run inside the migration's transaction.
            // EF warns of it on every such migration, also on a new empty database; an upgrade of a database that holds
            // data is backed up first (MigrateAsync), so the line is information, not a warning for the operator.
            .ConfigureWarnings(w => w.Log((RelationalEventId.NonTransactionalMigrationOperationWarning, LogLevel.Information)));

    public static DbContextOptionsBuilder ConfigurePostgres(DbContextOptionsBuilder options, string connection) =>
        options.UseNpgsql(connection, n => n.MigrationsHistoryTable("__migrations"));

    /// <summary>
    /// Creates the database when missing and applies every pending migration. A SQLite database that already has data
    /// and is about to be upgraded is first copied beside itself (<see cref="BackUpBeforeUpgradeAsync"/>).
    /// </summary>
    public static async Task MigrateAsync(WartaDb db, CancellationToken cancellationToken = default)
    {
        if (db is SqliteWartaDb) await BackUpBeforeUpgradeAsync(db, cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        if (db is SqliteWartaDb)
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }

    /// <summary>
    /// Before migrations are applied to a SQLite file that already has some applied, writes a consistent copy of it
    /// (<c>VACUUM INTO</c>) to <c>warta.db.before-&lt;last pending migration&gt;</c>: SQLite's table rebuilds run partly
    /// outside a transaction, and a crash in the middle of one must not cost the newsroom its stories. Returns the copy's
    /// path, or null when nothing was copied (a new or in-memory database, nothing pending, or the copy already there).
    /// </summary>
    public static async Task<string?> BackUpBeforeUpgradeAsync(WartaDb db, CancellationToken cancellationToken = default)
    {
        if (db.Database.GetDbConnection() is not SqliteConnection { DataSource: { Length: > 0 } file } || file == ":memory:"
            || new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).Mode == SqliteOpenMode.Memory || !File.Exists(file))
            return null;
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count == 0 || !(await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Any()) return null;
        var copy = Path.GetFullPath(file) + ".before-" + pending[^1];
        if (File.Exists(copy)) return null;
        // VACUUM INTO takes any expression that yields the file name, so the path goes as a parameter.
        await db.Database.ExecuteSqlAsync($"VACUUM INTO {copy}", cancellationToken);
        db.GetService<ILoggerFactory>().CreateLogger(typeof(DatabaseSetup)).LogInformation(
            "Copied the database to {Copy} before applying {Count} migration(s); delete it once the site runs well", copy, pending.Count);
        return copy;
    }
}

/// <summary>Every SQLite connection: an acknowledged save survives a power cut, and writers wait instead of failing.</summary>
sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    // Pragmas belong to the native connection, which the driver pools; set them once per native connection rather than
    // on every open, which would cost a statement before each query.
    static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> Applied = new();

    static void Apply(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle }) return;
        if (Applied.TryGetValue(handle, out _)) return;
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";
        command.ExecuteNonQuery();
        Applied.AddOrUpdate(handle, handle);
    }
}

sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteWartaDb>
{
    public SqliteWartaDb CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteWartaDb>();
        DatabaseSetup.ConfigureSqlite(options, "Data Source=design.db");
        return new SqliteWartaDb(options.Options);
    }
}

sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresWartaDb>
{
    public PostgresWartaDb CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresWartaDb>();
        DatabaseSetup.ConfigurePostgres(options, "Host=localhost;Database=warta_design");
        return new PostgresWartaDb(options.Options);
    }
}
