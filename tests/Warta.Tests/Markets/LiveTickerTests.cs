using System.Net;
using System.Net.Http.Json;
using Warta.Tests.Infrastructure;
using Warta.Web.Markets.Live;
using Warta.Web.Newsroom;

namespace Warta.Tests.Markets;

/// <summary>The INDIKATOR ticker streamed to readers as Server-Sent Events.</summary>
public class LiveTickerTests(WartaFactory app) : IClassFixture<WartaFactory>
{
    // The fake clock stands at Friday 5 May 2023, 10:23 WIB.
    static readonly DateTimeOffset Friday = new(2023, 5, 5, 10, 0, 0, TimeSpan.FromHours(7));

    [Fact]
    public async Task A_reader_gets_the_current_state_at_once_and_every_ingested_quote_after_it()
    {
        var markets = await app.TickerInstrumentsAsync();
        await markets.PostQuoteAsync("LQ45", 905.10m, Friday, previousClose: 901.40m);

        await using var stream = await EventStream.OpenAsync(app.CreateClient(), LiveTicker.Path);
        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", stream.Response.Headers.CacheControl?.ToString());

        var hint = await stream.NextAsync();
        Assert.Equal(3000, hint.Retry);
        var first = await stream.NextEventAsync();
        Assert.False(string.IsNullOrEmpty(first.Id));
        Assert.Equal("905,10", first.ValueOf("LQ45"));

        await markets.PostQuoteAsync("LQ45", 909.31m, Friday.AddMinutes(1), previousClose: 901.40m);
        var next = await stream.NextEventAsync();
        Assert.Equal("909,31", next.ValueOf("LQ45"));
        Assert.NotEqual(first.Id, next.Id);
        var lq45 = next.Json.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("symbol").GetString() == "LQ45");
        Assert.Equal("7,91", lq45.GetProperty("change").GetString());
        Assert.Equal("0,88%", lq45.GetProperty("percent").GetString());
        Assert.Equal("up", lq45.GetProperty("direction").GetString());
        // In session, a value of today is "as of" its clock time; out of hours it would read "Penutupan 05 Mei 2023".
        Assert.Equal("10:01 WIB", next.Json.GetProperty("asOf").GetProperty("LQ45").GetString());
    }

    [Fact]
    public async Task A_reconnecting_reader_gets_the_state_it_missed_and_nothing_it_already_has()
    {
        var markets = await app.TickerInstrumentsAsync();
        await markets.PostQuoteAsync("EMAS", 1_350_000m, Friday);
        string seen;
        await using (var stream = await EventStream.OpenAsync(app.CreateClient(), LiveTicker.Path))
            seen = (await stream.NextEventAsync()).Id!;

        // Quotes arrive while the reader is away.
        await markets.PostQuoteAsync("EMAS", 1_354_000m, Friday.AddMinutes(2));
        string current;
        await using (var stream = await EventStream.OpenAsync(app.CreateClient(), LiveTicker.Path, lastEventId: seen))
        {
            var missed = await stream.NextEventAsync();
            Assert.Equal("1.354.000", missed.ValueOf("EMAS"));
            current = missed.Id!;
        }

        // Back with the state it already shows: the first event it receives is the next change, not a repeat.
        await using (var stream = await EventStream.OpenAsync(app.CreateClient(), LiveTicker.Path, lastEventId: current))
        {
            Assert.Equal(3000, (await stream.NextAsync()).Retry);
            await markets.PostQuoteAsync("EMAS", 1_356_000m, Friday.AddMinutes(3));
            Assert.Equal("1.356.000", (await stream.NextEventAsync()).ValueOf("EMAS"));
        }
    }

    [Fact]
    public async Task An_idle_stream_carries_a_heartbeat_comment()
    {
        await app.TickerInstrumentsAsync();
        await using var stream = await EventStream.OpenAsync(app.CreateClient(), LiveTicker.Path);
        await stream.NextEventAsync();

        app.Clock.Advance(TimeSpan.FromSeconds(new LiveOptions().HeartbeatSeconds));
        ServerEvent next;
        do next = await stream.NextAsync();
        while (next.Name == "ticker");
        Assert.Equal("ping", next.Comment);
    }

    [Fact]
    public async Task Past_the_connection_cap_a_reader_is_refused_clearly_and_the_others_keep_streaming()
    {
        using var node = new WartaNode(null, new Dictionary<string, string?> { ["Warta:Live:MaxConnections"] = "1" });
        var markets = await node.TickerInstrumentsAsync();
        await markets.PostQuoteAsync("LQ45", 905m, Friday);
        await using var first = await EventStream.OpenAsync(node.CreateClient(), LiveTicker.Path);
        await first.NextEventAsync();

        await using var second = await EventStream.OpenAsync(node.CreateClient(), LiveTicker.Path);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.Response.StatusCode);
        Assert.NotNull(second.Response.Headers.RetryAfter);
        Assert.Contains("Terlalu banyak pembaca", await second.Response.Content.ReadAsStringAsync());

        await markets.PostQuoteAsync("LQ45", 906m, Friday.AddMinutes(1));
        Assert.Equal("906,00", (await first.NextEventAsync()).ValueOf("LQ45"));
    }
}
