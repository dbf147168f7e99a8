using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Warta.Tests.Infrastructure;
using Warta.Web.Reader;

namespace Warta.Tests.Security;

/// <summary>Issue 8, item 9: a page view counts once per reader per story per window; scripted bursts do not lift a story.</summary>
public class ViewCountTests(WartaFactory app) : IClassFixture<WartaFactory>
{
    [Fact]
    public async Task Three_hundred_scripted_reads_of_one_story_count_as_one()
    {
        var api = await app.ApiClientAsync();
        await api.EnsureChannelAsync("ekonomi", "Ekonomi");
        var story = await api.PublishAsync(NewsroomApi.Story("Berita Lama Yang Didorong"));
        var script = app.ReaderClient();
        for (var i = 0; i < 300; i++) await script.GetAsync(story.Url);
        await app.FlushViewsAsync();
        Assert.Equal(1, await app.InDbAsync(db => db.ArticleViews.Where(v => v.ArticleId == story.Id).SumAsync(v => v.Views)));

        // After the window the same reader counts again.
        app.Clock.Advance(ViewCounter.Window);
        await script.GetAsync(story.Url);
        await app.FlushViewsAsync();
        Assert.Equal(2, await app.InDbAsync(db => db.ArticleViews.Where(v => v.ArticleId == story.Id).SumAsync(v => v.Views)));
    }

    [Fact]
    public void One_address_changing_its_browser_name_counts_at_most_the_burst_limit_a_minute()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2023, 5, 5, 3, 10, 0, TimeSpan.Zero));
        var counter = new ViewCounter(clock);
        for (var i = 0; i < 300; i++) counter.Record("didorong", $"Mozilla/5.0 (Linux; Android 14; Pixel {i}) Chrome/126.0 Mobile Safari/537.36", "198.51.100.9");
        Assert.Equal(ViewCounter.MaxPerAddressPerMinute, counter.Drain().Sum(d => d.Views));

        // Other readers are counted as ever, one each.
        for (var i = 0; i < 50; i++) counter.Record("didorong", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Safari/604.1", $"198.51.100.{100 + i}");
        Assert.Equal(50, counter.Drain().Sum(d => d.Views));
    }
}
