using System.Net.Http.Headers;
using System.Net.Http.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Warta.Web.Data;
using Warta.Web.Newsroom;
using Warta.Web.Reader;

namespace Warta.Tests.Infrastructure;

/// <summary>
/// A fresh Warta with its own database: a SQLite file in a temporary folder, or, when the test script sets
/// WARTA_TEST_DB=postgres, a new database on the throwaway PostgreSQL server it started (WARTA_TEST_POSTGRES).
/// </summary>
public class WartaFactory : WebApplicationFactory<Program>
{
    public string DataPath { get; }
    readonly string? _postgresDatabase;
    readonly string? _postgresServer;
    readonly bool _ownsDatabase;
    readonly Dictionary<string, string?> _settings = new();

    /// <summary>The clock every part of the app reads; tests move it instead of sleeping.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2023, 5, 5, 3, 23, 0, TimeSpan.Zero));

    protected virtual bool SeedDemo => false;

    public static bool UsePostgres =>
        (Environment.GetEnvironmentVariable("WARTA_TEST_DB") ?? "sqlite").Equals("postgres", StringComparison.OrdinalIgnoreCase);

    public WartaFactory() : this(null)
    {
    }

    /// <summary>A node of its own, or, given <paramref name="shareWith"/>, a second node on the same database.</summary>
    protected WartaFactory(WartaFactory? shareWith, IDictionary<string, string?>? settings = null)
    {
        _ownsDatabase = shareWith is null;
        DataPath = shareWith?.DataPath ?? Directory.CreateTempSubdirectory("warta-test-").FullName;
        if (UsePostgres)
        {
            _postgresServer = Environment.GetEnvironmentVariable("WARTA_TEST_POSTGRES")
                ?? throw new InvalidOperationException("WARTA_TEST_DB=postgres needs WARTA_TEST_POSTGRES, the server's connection string (scripts/test.sh sets both).");
            _postgresDatabase = shareWith?._postgresDatabase ?? "warta_t_" + Guid.NewGuid().ToString("N")[..16];
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) _settings[key] = value;
    }

    /// <summary>The settings that point another process (a CLI verb) at this app's database, as environment variables.</summary>
    public Dictionary<string, string?> DatabaseEnvironment() => _postgresServer is null
        ? new() { ["Warta__DataPath"] = DataPath }
        : new()
        {
            ["Warta__DataPath"] = DataPath, ["Warta__Database__Provider"] = "postgres",
            ["ConnectionStrings__Warta"] = new NpgsqlConnectionStringBuilder(_postgresServer) { Database = _postgresDatabase }.ConnectionString,
        };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Warta:DataPath", DataPath);
        builder.UseSetting("Warta:Demo:SeedOnEmpty", SeedDemo ? "true" : "false");
        builder.UseSetting("Warta:Views:FlushSeconds", "3600");
        builder.UseSetting("Warta:Database:StrictQueries", "true");
        // Each node keeps its own search index, also when nodes share one data folder.
        builder.UseSetting("Warta:Search:IndexPath", Path.Combine(DataPath, "search-" + Guid.NewGuid().ToString("N")));
        if (_postgresServer is not null)
        {
            builder.UseSetting("Warta:Database:Provider", "postgres");
            builder.UseSetting("ConnectionStrings:Warta", new NpgsqlConnectionStringBuilder(_postgresServer) { Database = _postgresDatabase }.ConnectionString);
        }
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    public WartaDb Db(IServiceScope scope) => scope.ServiceProvider.GetRequiredService<WartaDb>();

    public async Task<string> CreateKeyAsync(string scope = ApiScopes.Newsroom)
    {
        using var s = Services.CreateScope();
        var (_, secret) = await s.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync("test " + scope, scope);
        return secret;
    }

    public async Task<HttpClient> ApiClientAsync(string scope = ApiScopes.Newsroom)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await CreateKeyAsync(scope));
        return client;
    }

    /// <summary>A client that reads pages as a phone browser would identify itself (so its views count).</summary>
    public HttpClient ReaderClient()
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36");
        return client;
    }

    public async Task FlushViewsAsync()
    {
        using var scope = Services.CreateScope();
        await Services.GetRequiredService<ViewCounter>().FlushAsync(Db(scope), CancellationToken.None);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing || !_ownsDatabase) return;
        try { Directory.Delete(DataPath, recursive: true); } catch (IOException) { }
        if (_postgresServer is not null)
        {
            NpgsqlConnection.ClearAllPools();
            using var connection = new NpgsqlConnection(_postgresServer);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)";
            command.ExecuteNonQuery();
        }
    }
}

/// <summary>The same app with the demo content seeded, as a new user gets it.</summary>
public sealed class DemoWartaFactory : WartaFactory
{
    protected override bool SeedDemo => true;
}

public static class Html
{
    static readonly HtmlParser Parser = new();

    public static async Task<IHtmlDocument> GetPageAsync(this HttpClient client, string url, int expectedStatus = 200)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expectedStatus, $"GET {url}: expected {expectedStatus}, got {(int)response.StatusCode}\n{body[..Math.Min(body.Length, 2000)]}");
        return Parser.ParseDocument(body);
    }

    public static string Text(this IHtmlDocument document, string selector) =>
        document.QuerySelector(selector)?.TextContent.Trim() ?? throw new Xunit.Sdk.XunitException($"No element matches '{selector}'.");
}

public static class Api
{
    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response, int expectedStatus)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expectedStatus, $"expected {expectedStatus}, got {(int)response.StatusCode}: {body}");
        return System.Text.Json.JsonSerializer.Deserialize<T>(body, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) => client.PostAsJsonAsync(url, body);
}

/// <summary>An app with extra settings, or another node sharing <c>shareWith</c>'s database.</summary>
public sealed class WartaNode(WartaFactory? shareWith, IDictionary<string, string?> settings) : WartaFactory(shareWith, settings);
