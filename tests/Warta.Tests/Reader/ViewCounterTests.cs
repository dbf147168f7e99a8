using Microsoft.Extensions.Time.Testing;
using Warta.Web.Reader;

namespace Warta.Tests.Reader;

public class ViewCounterTests
{
    [Theory]
    [InlineData("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")]
    [InlineData("Mozilla/5.0 (compatible; bingbot/2.0)")]
    [InlineData("curl/8.5.0")]
    [InlineData("python-requests/2.31")]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0 Safari/537.36")]
    [InlineData("")]
    [InlineData(null)]
    public void Ignores_obvious_bots(string? userAgent) => Assert.True(ViewCounter.IsBot(userAgent));

    [Theory]
    [InlineData("Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1")]
    public void Counts_phones(string userAgent) => Assert.False(ViewCounter.IsBot(userAgent));

    [Fact]
    public void Buffers_reads_per_story_and_hour_until_drained()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2023, 5, 5, 3, 10, 0, TimeSpan.Zero));
        var counter = new ViewCounter(clock);
        const string phone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Safari/604.1";
        counter.Record("a", phone, "192.0.2.1");
        counter.Record("a", phone, "192.0.2.2");
        counter.Record("a", "Googlebot/2.1", "192.0.2.3");
        clock.Advance(TimeSpan.FromHours(1));
        counter.Record("a", phone, "192.0.2.1");
        counter.Record("b", phone, "192.0.2.1");

        var drained = counter.Drain().OrderBy(d => d.Slug).ThenBy(d => d.Hour).ToList();
        Assert.Equal(
            [("a", new DateTimeOffset(2023, 5, 5, 3, 0, 0, TimeSpan.Zero), 2L), ("a", new DateTimeOffset(2023, 5, 5, 4, 0, 0, TimeSpan.Zero), 1L),
             ("b", new DateTimeOffset(2023, 5, 5, 4, 0, 0, TimeSpan.Zero), 1L)],
            drained);
        Assert.Empty(counter.Drain());

        counter.Restore(drained);
        Assert.Equal(4, counter.Drain().Sum(d => d.Views));
    }

    [Fact]
    public void An_address_held_back_for_a_burst_counts_again_the_next_minute_and_a_reader_once_per_window()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2023, 5, 5, 3, 10, 0, TimeSpan.Zero));
        var counter = new ViewCounter(clock);
        const string phone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Safari/604.1";
        for (var i = 0; i < ViewCounter.MaxPerAddressPerMinute + 5; i++) counter.Record($"berita-{i}", phone, "203.0.113.7");
        Assert.Equal(ViewCounter.MaxPerAddressPerMinute, counter.Drain().Sum(d => d.Views));

        clock.Advance(TimeSpan.FromMinutes(1));
        counter.Record("berita-lain", phone, "203.0.113.7");
        counter.Record("berita-lain", phone, "203.0.113.7");
        Assert.Equal([("berita-lain", new DateTimeOffset(2023, 5, 5, 3, 0, 0, TimeSpan.Zero), 1L)], counter.Drain());
    }
}
