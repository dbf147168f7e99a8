using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;

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
            .AddInterceptors(SqlitePragmas.Instance);

    public static DbContextOptionsBuilder ConfigurePostgres(DbContextOptionsBuilder options, string connection) =>
        options.UseNpgsql(connection, n => n.MigrationsHistoryTable("__migrations"));

    /// <summary>Creates the database when missing and applies every pending migration.</summary>
    public static async Task MigrateAsync(WartaDb db, CancellationToken cancellationToken = default)
    {
        await db.Database.MigrateAsync(cancellationToken);
        if (db is SqliteWartaDb)
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
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
