using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Warta.Tests.Infrastructure;
using Warta.Web.Data;
using Warta.Web.Markets.Feeds;

namespace Warta.Tests.Markets;

/// <summary>Polled market feeds, with a small local HTTP server playing the vendor.</summary>
public class FeedTests
{
    // The fake clock stands at Friday 5 May 2023, 10:23 WIB.
    const string At = "2023-05-05T10:20:00+07:00";

    /// <summary>A node whose fetches may take <paramref name="timeoutSeconds"/>: generous (a loaded 2-core machine) unless the timeout is what is tested.</summary>
    static WartaNode Node(WartaFactory? shareWith = null, int timeoutSeconds = 15) => new(shareWith, new Dictionary<string, string?>
    {
        // The vendor servers run on 127.0.0.1; the operator declares that one address safe, so private-address rules
        // can still be tested against 127.0.0.2.
        ["Warta:Fetch:TrustedAddresses:0"] = "127.0.0.1",
        ["Warta:Feeds:TimeoutSeconds"] = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Warta:Feeds:MaxBytes"] = "65536",
        // The tests run the poller's work themselves; the timer would only race them.
        ["Warta:Feeds:PollSeconds"] = "3600",
    });

    static QuoteFeed JsonFeed(string name, Uri url) => new()
    {
        Name = name, Url = url.ToString(), Format = FeedFormat.Json, RecordsPath = "data.quotes",
        SymbolField = "code", ValueField = "last", TimeField = "time", PreviousCloseField = "prev",
        SymbolMap = "^JKLQ45=LQ45\nXAU-IDR=EMAS", Symbols = "LQ45 EMAS",
    };

    static async Task<QuoteFeed> AddAsync(WartaFactory app, QuoteFeed feed)
    {
        using var scope = app.Services.CreateScope();
        var db = app.Db(scope);
        feed.NextDueAt = app.Clock.GetUtcNow();
        db.QuoteFeeds.Add(feed);
        await db.SaveChangesAsync();
        return feed;
    }

    static async Task<QuoteFeed> StatusAsync(WartaFactory app, int id)
    {
        using var scope = app.Services.CreateScope();
        return await app.Db(scope).QuoteFeeds.AsNoTracking().SingleAsync(f => f.Id == id);
    }

    static Task<int> RunDueAsync(WartaFactory app) => app.Services.GetRequiredService<QuoteFeeds>().RunDueAsync(CancellationToken.None);

    static async Task<Dictionary<string, string>> TickerAsync(WartaFactory app)
    {
        var ticker = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/markets/ticker");
        return ticker.EnumerateArray().ToDictionary(t => t.GetProperty("symbol").GetString()!, t => t.GetProperty("value").GetString()!);
    }

    static async Task<int> QuoteCountAsync(WartaFactory app)
    {
        using var scope = app.Services.CreateScope();
        return await app.Db(scope).Quotes.CountAsync();
    }

    [Fact]
    public async Task A_JSON_feed_maps_vendor_codes_onto_instruments_and_reaches_the_ticker()
    {
        using var app = Node();
        await app.TickerInstrumentsAsync();
        await using var vendor = await FixtureServer.StartAsync(web => web.MapGet("/quotes.json", () => Results.Text($$$"""
            {"data": {"quotes": [
              {"code": "^JKLQ45", "last": 909.31, "prev": 901.40, "time": "{{{At}}}"},
              {"code": "XAU-IDR", "last": "1354000", "prev": "1332000", "time": "{{{At}}}"},
              {"code": "^N225", "last": 29157.95, "time": "{{{At}}}"}
            ]}}
            """, "application/json")));
        var feed = await AddAsync(app, JsonFeed("Vendor JSON", vendor.Url("/quotes.json")));

        Assert.Equal(1, await RunDueAsync(app));

        var status = await StatusAsync(app, feed.Id);
        Assert.Null(status.LastError);
        Assert.Equal(0, status.ConsecutiveFailures);
        Assert.Equal(2, status.LastQuoteCount);
        Assert.Equal(app.Clock.GetUtcNow(), status.LastSuccessAt);
        var ticker = await TickerAsync(app);
        Assert.Equal("909,31", ticker["LQ45"]);
        Assert.Equal("1.354.000", ticker["EMAS"]);
        // Fetched once per interval: not due again until the interval has passed.
        Assert.Equal(0, await RunDueAsync(app));
        app.Clock.Advance(TimeSpan.FromSeconds(feed.IntervalSeconds));
        Assert.Equal(1, await RunDueAsync(app));
    }

    [Fact]
    public async Task A_CSV_feed_with_comma_decimals_and_WIB_times_is_read_by_column_names()
    {
        using var app = Node();
        await app.TickerInstrumentsAsync();
        await using var vendor = await FixtureServer.StartAsync(web => web.MapGet("/harga.csv", () => Results.Text(
            "Kode;Harga Terakhir;Tutup Kemarin;Waktu\n" +
            "LQ45;909,31;901,40;05/05/2023 10:20\n" +
            "EMAS;\"1.354.000\";1.332.000;05/05/2023 10:15\n" +
            "BBCA;9.125;9.100;05/05/2023 10:20\n", "text/csv")));
        var feed = await AddAsync(app, new QuoteFeed
        {
            Name = "Vendor CSV", Url = vendor.Url("/harga.csv").ToString(), Format = FeedFormat.Csv, Delimiter = ";", HasHeader = true,
            SymbolField = "kode", ValueField = "Harga Terakhir", PreviousCloseField = "Tutup Kemarin", TimeField = "Waktu",
            DecimalMark = DecimalMark.Comma, ThousandsMark = ThousandsMark.Dot, TimeFormat = FeedTimeFormat.Wib, TimePattern = "dd/MM/yyyy HH:mm",
            Symbols = "LQ45 EMAS",
        });

        await RunDueAsync(app);

        var status = await StatusAsync(app, feed.Id);
        Assert.Null(status.LastError);
        Assert.Equal(2, status.LastQuoteCount);
        var ticker = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/markets/ticker");
        var lq45 = ticker.EnumerateArray().Single(t => t.GetProperty("symbol").GetString() == "LQ45");
        Assert.Equal("909,31", lq45.GetProperty("value").GetString());
        Assert.Equal("7,91", lq45.GetProperty("change").GetString());
        Assert.Equal(new DateTimeOffset(2023, 5, 5, 3, 20, 0, TimeSpan.Zero), lq45.GetProperty("at").GetDateTimeOffset());
        Assert.Equal("1.354.000", (await TickerAsync(app))["EMAS"]);
    }

    [Fact]
    public async Task A_dead_feed_fails_with_its_reason_counts_failures_and_does_not_stop_the_others()
    {
        using var app = Node();
        await app.TickerInstrumentsAsync();
        int closedPort;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        await using var vendor = await FixtureServer.StartAsync(web => web.MapGet("/quotes.json", () => Results.Text(
            $$$"""{"data": {"quotes": [{"code": "^JKLQ45", "last": 905.5, "time": "{{{At}}}"}]}}""", "application/json")));
        var dead = await AddAsync(app, JsonFeed("Vendor mati", new Uri($"http://127.0.0.1:{closedPort}/quotes.json")));
        var alive = await AddAsync(app, JsonFeed("Vendor hidup", vendor.Url("/quotes.json")));

        Assert.Equal(2, await RunDueAsync(app));
        app.Clock.Advance(TimeSpan.FromSeconds(dead.IntervalSeconds));
        Assert.Equal(2, await RunDueAsync(app));

        var failing = await StatusAsync(app, dead.Id);
        Assert.Equal(2, failing.ConsecutiveFailures);
        Assert.StartsWith("Pengambilan gagal: The connection failed", failing.LastError);
        Assert.Null(failing.LastSuccessAt);
        var fine = await StatusAsync(app, alive.Id);
        Assert.Equal(0, fine.ConsecutiveFailures);
        Assert.Equal("905,50", (await TickerAsync(app))["LQ45"]);
    }

    public static TheoryData<string, string> HostileAnswers => new()
    {
        { "/slow", "No complete answer within 1 seconds" },
        { "/huge", "the limit is 65536" },
        { "/huge-stream", "larger than the limit of 65536 bytes" },
        { "/redirect-inward", "private, loopback or link-local" },
        { "/html", "bukan JSON yang sah" },
        { "/binary", "bukan JSON yang sah" },
        { "/object", "menunjuk ke objek, bukan larik" },
        { "/bad-number", "Rekaman 2: 'last' berisi '9O5,5', bukan angka dengan titik desimal." },
        { "/nan", "Rekaman 1: 'last' berisi 'NaN', bukan angka" },
        { "/bad-time", "Rekaman 1: waktu 'kemarin sore' tidak sesuai format ISO 8601 dengan zona waktu." },
        { "/negative", "Kutipan ditolak, tidak ada yang disimpan: Rekaman 1.value" },
        { "/missing", "The server answered 404" },
    };

    [Theory]
    [MemberData(nameof(HostileAnswers))]
    public async Task A_hostile_or_broken_feed_fails_with_a_readable_reason_and_keeps_the_stored_quotes(string path, string reason)
    {
        // Only the feed that never answers is about the timeout; it gets a tight one.
        using var app = Node(timeoutSeconds: path == "/slow" ? 1 : 15);
        var markets = await app.TickerInstrumentsAsync();
        await markets.PostQuoteAsync("LQ45", 901.40m, DateTimeOffset.Parse(At).AddMinutes(-30));
        await using var inward = await FixtureServer.StartAsync(IPAddress.Parse("127.0.0.2"), web => web.MapGet("/", () => "internal"));
        await using var vendor = await FixtureServer.StartAsync(web =>
        {
            web.MapGet("/slow", async (HttpContext http) => await Task.Delay(Timeout.Infinite, http.RequestAborted));
            web.MapGet("/huge", () => Results.Text("[" + string.Join(",", Enumerable.Repeat("{\"code\":\"^JKLQ45\",\"last\":1}", 20_000)) + "]", "application/json"));
            web.MapGet("/huge-stream", async (HttpContext http) =>
            {
                // No Content-Length: the size shows only while reading.
                http.Response.ContentType = "application/json";
                await http.Response.WriteAsync("[", http.RequestAborted);
                for (var i = 0; i < 20_000; i++) await http.Response.WriteAsync("{\"code\":\"^JKLQ45\",\"last\":1},", http.RequestAborted);
            });
            web.MapGet("/redirect-inward", () => Results.Redirect(inward.Url("/").ToString()));
            web.MapGet("/html", () => Results.Text("<html><body>Maintenance</body></html>", "text/html"));
            web.MapGet("/binary", () => Results.Bytes([0x1f, 0x8b, 0x08, 0x00, 0xff, 0xfe, 0x00, 0x42], "application/octet-stream"));
            web.MapGet("/object", () => Results.Text("""{"data": {"quotes": {"code": "^JKLQ45"}}}""", "application/json"));
            web.MapGet("/bad-number", () => Results.Text($$$"""{"data": {"quotes": [{"code": "XAU-IDR", "last": "1354000", "time": "{{{At}}}"}, {"code": "^JKLQ45", "last": "9O5,5", "time": "{{{At}}}"}]}}""", "application/json"));
            web.MapGet("/nan", () => Results.Text($$$"""{"data": {"quotes": [{"code": "^JKLQ45", "last": "NaN", "time": "{{{At}}}"}]}}""", "application/json"));
            web.MapGet("/bad-time", () => Results.Text("""{"data": {"quotes": [{"code": "^JKLQ45", "last": 905, "time": "kemarin sore"}]}}""", "application/json"));
            web.MapGet("/negative", () => Results.Text($$$"""{"data": {"quotes": [{"code": "^JKLQ45", "last": -905, "time": "{{{At}}}"}]}}""", "application/json"));
        });
        var feed = JsonFeed("Vendor " + path, vendor.Url(path));
        feed.AllowPrivateAddresses = false;
        feed = await AddAsync(app, feed);
        var before = await QuoteCountAsync(app);

        Assert.Equal(1, await RunDueAsync(app));

        var status = await StatusAsync(app, feed.Id);
        Assert.Equal(1, status.ConsecutiveFailures);
        Assert.Contains(reason, status.LastError);
        Assert.Equal(before, await QuoteCountAsync(app));
        Assert.Equal("901,40", (await TickerAsync(app))["LQ45"]);
    }

    [Fact]
    public async Task Of_two_nodes_only_one_fetches_a_due_feed()
    {
        using var nodeA = Node();
        await nodeA.TickerInstrumentsAsync();
        using var nodeB = Node(nodeA);
        var hits = 0;
        await using var vendor = await FixtureServer.StartAsync(web => web.MapGet("/quotes.json", () =>
        {
            Interlocked.Increment(ref hits);
            return Results.Text($$$"""{"data": {"quotes": [{"code": "^JKLQ45", "last": 905.5, "time": "{{{At}}}"}]}}""", "application/json");
        }));
        await AddAsync(nodeA, JsonFeed("Vendor bersama", vendor.Url("/quotes.json")));
        // Both nodes' clocks stand at the same instant, as synchronised servers' would.
        nodeB.Clock.AdjustTime(nodeA.Clock.GetUtcNow());

        var fetched = await Task.WhenAll(RunDueAsync(nodeA), RunDueAsync(nodeB), RunDueAsync(nodeA), RunDueAsync(nodeB));

        Assert.Equal(1, fetched.Sum());
        Assert.Equal(1, hits);
    }
}
