using System.Net.Http.Json;
using Warta.Tests.Infrastructure;

namespace Warta.Tests.Operations;

/// <summary>Two nodes on one database and one Redis, as behind a load balancer.</summary>
public class MultiNodeTests
{
    static Dictionary<string, string?> RedisSettings(string prefix) => new()
    {
        ["Warta:Redis"] = Environment.GetEnvironmentVariable("WARTA_TEST_REDIS")
            ?? throw new InvalidOperationException("WARTA_TEST_REDIS must name a Redis server (scripts/test.sh starts one)."),
        ["Warta:RedisPrefix"] = prefix,
    };

    [Fact]
    public async Task A_story_published_on_one_node_shows_at_once_on_the_other()
    {
        var prefix = "warta-test-" + Guid.NewGuid().ToString("N")[..8] + ":";
        using var nodeA = new WartaNode(null, RedisSettings(prefix));
        var api = await nodeA.ApiClientAsync();
        await api.EnsureChannelAsync("ekonomi", "Ekonomi");
        using var nodeB = new WartaNode(nodeA, RedisSettings(prefix));

        var readerB = nodeB.ReaderClient();
        await readerB.GetPageAsync("/");
        Assert.NotNull((await readerB.GetAsync("/")).Headers.Age);
        // Node A's readers are served what node B cached: one shared cache.
        Assert.NotNull((await nodeA.ReaderClient().GetAsync("/")).Headers.Age);

        var saved = await api.PublishAsync(NewsroomApi.Story("Dua Server, Satu Berita yang Sama"));

        var home = await readerB.GetPageAsync("/");
        Assert.Contains(home.QuerySelectorAll("#terbaru + ol a"), a => a.GetAttribute("href") == saved.Url);
        Assert.Contains(home.QuerySelectorAll("a"), a => a.GetAttribute("href") == saved.Url);

        await api.PutAsJsonAsync("/api/admin/promos/top", new { html = "Promo dari node A" });
        Assert.Contains("Promo dari node A", (await readerB.GetPageAsync("/kanal/ekonomi")).Text("#promo-top"));
    }

    [Fact]
    public async Task A_quote_ingested_on_one_node_reaches_a_live_reader_on_the_other()
    {
        var prefix = "warta-test-" + Guid.NewGuid().ToString("N")[..8] + ":";
        using var nodeA = new WartaNode(null, RedisSettings(prefix));
        var markets = await nodeA.TickerInstrumentsAsync();
        var friday = new DateTimeOffset(2023, 5, 5, 10, 0, 0, TimeSpan.FromHours(7));
        await markets.PostQuoteAsync("LQ45", 905.10m, friday);
        using var nodeB = new WartaNode(nodeA, RedisSettings(prefix));

        await using var reader = await EventStream.OpenAsync(nodeB.CreateClient(), Warta.Web.Markets.Live.LiveTicker.Path);
        Assert.Equal("905,10", (await reader.NextEventAsync()).ValueOf("LQ45"));

        await markets.PostQuoteAsync("LQ45", 909.31m, friday.AddMinutes(1));
        Assert.Equal("909,31", (await reader.NextEventAsync()).ValueOf("LQ45"));
    }
}
