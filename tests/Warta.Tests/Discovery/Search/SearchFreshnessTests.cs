using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Warta.Tests.Infrastructure;
using Warta.Web.Content;
using Warta.Web.Data;
using Warta.Web.Demo;
using Warta.Web.Discovery.Search;

namespace Warta.Tests.Discovery.Search;

/// <summary>Stories become searchable when the poller has run after their publication, and vanish when unpublished, on every node.</summary>
public class SearchFreshnessTests
{
    static Task<int> PollAsync(WartaFactory node) => node.Services.GetRequiredService<SearchIndexer>().RunOnceAsync();

    static async Task<List<string>> ResultUrlsAsync(WartaFactory node, string query) =>
        (await node.ReaderClient().GetPageAsync(SearchRoutes.UrlFor(query) + "&n=" + Guid.NewGuid().ToString("N")))
            .QuerySelectorAll(".search-result h2 a").Select(a => a.GetAttribute("href")!).ToList();

    [Fact]
    public async Task A_published_story_is_found_after_the_poller_runs_and_gone_once_unpublished()
    {
        using var app = new WartaFactory();
        var api = await app.ApiClientAsync();
        await api.EnsureChannelAsync("ekonomi", "Ekonomi");
        await PollAsync(app);

        var saved = await api.PublishAsync(NewsroomApi.Story("Gubernur Resmikan Pelabuhan Baru"));
        await PollAsync(app);
        Assert.Equal([saved.Url], await ResultUrlsAsync(app, "pelabuhan"));

        Assert.Equal("unpublished", (await (await api.DeleteAsync($"/api/admin/articles/{saved.Id}?version=1")).ReadAsync<Saved>(200)).Status);
        await PollAsync(app);
        Assert.Empty(await ResultUrlsAsync(app, "pelabuhan"));
        Assert.Equal(0, app.Services.GetRequiredService<SearchIndex>().Count);
    }

    [Fact]
    public async Task A_poll_that_finds_nothing_new_writes_nothing()
    {
        using var app = new WartaFactory();
        var api = await app.ApiClientAsync();
        await api.EnsureChannelAsync("ekonomi", "Ekonomi");
        await api.PublishAsync(NewsroomApi.Story("Ekspor Kopi Melonjak"));
        await PollAsync(app);
        Assert.Equal(0, await PollAsync(app));
    }

    [Fact]
    public async Task A_story_stamped_behind_the_watermark_within_the_overlap_is_still_found()
    {
        using var app = new WartaFactory();
        var api = await app.ApiClientAsync();
        await api.EnsureChannelAsync("ekonomi", "Ekonomi");
        await api.PublishAsync(NewsroomApi.Story("Harga Cabai Turun"));
        await PollAsync(app);

        // A publication saved on a node whose clock runs 30 s behind, committed after the poll: the draft was seen before it.
        var late = await api.PublishAsync(NewsroomApi.Story("Panen Bawang Merah Melimpah", status: "draft"));
        await PollAsync(app);
        var stamped = app.Clock.GetUtcNow().AddSeconds(-30);
        using (var scope = app.Services.CreateScope())
            await app.Db(scope).Articles.Where(a => a.Id == late.Id).ExecuteUpdateAsync(s => s
                .SetProperty(a => a.Status, ArticleStatus.Published).SetProperty(a => a.PublishedAt, stamped).SetProperty(a => a.ModifiedAt, stamped));
        app.Clock.Advance(TimeSpan.FromSeconds(5));
        await PollAsync(app);
        Assert.Equal([late.Url], await ResultUrlsAsync(app, "bawang merah"));
    }

    [Theory]
    [InlineData(null, -60, true)]   // the first poll: the whole overlap
    [InlineData(0, -60, true)]      // the last poll began with the newest change: the whole overlap
    [InlineData(30, -30, true)]     // it began 30 s after it: saves stamped before its start less the overlap were seen then
    [InlineData(60, 0, false)]      // it began the overlap after it: the changes stamped at the watermark were seen too
    [InlineData(300, 0, false)]     // quiet for longer than the overlap: only what is past the watermark
    public void A_poll_looks_back_the_overlap_from_the_watermark_but_never_before_what_the_last_poll_saw(
        int? lookedSecondsAfter, int fromSeconds, bool inclusive)
    {
        var watermark = new DateTimeOffset(2023, 5, 5, 3, 23, 0, TimeSpan.Zero);
        DateTimeOffset? lookedAt = lookedSecondsAfter is { } s ? watermark.AddSeconds(s) : null;
        Assert.Equal((watermark.AddSeconds(fromSeconds), inclusive), SearchIndexer.LookFrom(watermark, lookedAt, TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public void An_empty_index_looks_at_every_change_on_its_first_poll()
    {
        Assert.Equal((DateTimeOffset.MinValue, true), SearchIndexer.LookFrom(DateTimeOffset.MinValue, null, TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public async Task Two_nodes_on_one_database_each_find_a_story_published_on_the_other()
    {
        using var nodeA = new WartaNode(null, new Dictionary<string, string?>());
        var api = await nodeA.ApiClientAsync();
        await api.EnsureChannelAsync("ekonomi", "Ekonomi");
        using var nodeB = new WartaNode(nodeA, new Dictionary<string, string?>());
        await PollAsync(nodeA);
        await PollAsync(nodeB);

        var saved = await api.PublishAsync(NewsroomApi.Story("Bandara Kertajati Ramai Lagi"));
        await PollAsync(nodeA);
        await PollAsync(nodeB);

        Assert.Equal([saved.Url], await ResultUrlsAsync(nodeA, "bandara kertajati"));
        Assert.Equal([saved.Url], await ResultUrlsAsync(nodeB, "bandara kertajati"));
    }

    [Fact]
    public async Task A_renamed_tag_is_found_by_its_new_name_on_every_node_and_no_longer_by_its_old_one()
    {
        using var nodeA = new WartaNode(null, new Dictionary<string, string?>());
        var api = await nodeA.ApiClientAsync();
        await api.EnsureChannelAsync("ekonomi", "Ekonomi");
        var story = NewsroomApi.Story("Inflasi Melandai di Bulan Mei");
        story["tags"] = new[] { "Harga Pangan" };
        var saved = await api.PublishAsync(story);
        using var nodeB = new WartaNode(nodeA, new Dictionary<string, string?>());
        await PollAsync(nodeA);
        await PollAsync(nodeB);
        // Another query than the ones asked after the rename: a node keeps a search page for a few seconds.
        Assert.Equal([saved.Url], await ResultUrlsAsync(nodeB, "harga pangan"));

        int id;
        using (var scope = nodeA.Services.CreateScope())
            id = await nodeA.Db(scope).Tags.Where(t => t.Slug == "harga-pangan").Select(t => t.Id).SingleAsync();
        var admin = await nodeA.StaffAsync("admin");
        await (await admin.Http.SubmitAsync("/redaksi/admin/tag", new() { ["id"] = id.ToString(), ["name"] = "Sembako Nasional", ["slug"] = "sembako-nasional" },
            "/redaksi/admin/tag?handler=Save")).DocumentAsync();
        Assert.Equal(1, await PollAsync(nodeA));
        Assert.Equal(1, await PollAsync(nodeB));
        Assert.Equal(0, await PollAsync(nodeB));

        foreach (var node in new[] { nodeA, nodeB })
        {
            Assert.Equal([saved.Url], await ResultUrlsAsync(node, "sembako"));
            Assert.Empty(await ResultUrlsAsync(node, "pangan"));
        }
    }

    [Fact]
    public async Task A_renamed_channel_keeps_its_stories_under_its_filter_and_shows_its_new_name()
    {
        using var app = new WartaFactory();
        var api = await app.ApiClientAsync();
        await api.EnsureChannelAsync("ekonomi", "Ekonomi");
        var saved = await api.PublishAsync(NewsroomApi.Story("Ekspor Batu Bara Naik"));
        await PollAsync(app);

        // A channel is filtered by its slug, which a rename keeps; the name on each result comes from the database.
        await api.EnsureChannelAsync("ekonomi", "Ekonomi dan Bisnis");
        await PollAsync(app);
        var page = await app.ReaderClient().GetPageAsync(SearchRoutes.UrlFor("batu bara") + "&kanal=ekonomi&n=" + Guid.NewGuid().ToString("N"));
        Assert.Equal([saved.Url], page.QuerySelectorAll(".search-result h2 a").Select(a => a.GetAttribute("href")!));
        Assert.Equal(["Ekonomi dan Bisnis"], page.QuerySelectorAll(".search-result .kicker").Select(a => a.TextContent));
        Assert.Equal("Ekonomi dan Bisnis", page.QuerySelector("select[name=kanal] option[selected]")!.TextContent);
    }

    [Fact]
    public async Task A_node_started_on_a_database_with_stories_builds_its_index_from_it()
    {
        using var nodeA = new WartaNode(null, new Dictionary<string, string?>());
        var api = await nodeA.ApiClientAsync();
        await api.EnsureChannelAsync("ekonomi", "Ekonomi");
        var saved = await api.PublishAsync(NewsroomApi.Story("Panen Raya Padi di Karawang"));

        using var nodeB = new WartaNode(nodeA, new Dictionary<string, string?>());
        await nodeB.Services.GetRequiredService<SearchIndexer>().CatchUpAtStartAsync();
        Assert.Equal([saved.Url], await ResultUrlsAsync(nodeB, "panen padi"));
    }
    [Fact]
    public async Task Stories_a_bulk_import_stamped_at_one_instant_are_each_read_once_over_several_pages_and_all_indexed()
    {
        using var app = new WartaFactory();
        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(SearchIndexer.BatchSize + 500, bulk: true);
        List<Guid> ids;
        List<DateTimeOffset> stamps;
        int published;
        using (var scope = app.Services.CreateScope())
        {
            var db = app.Db(scope);
            ids = await db.Articles.Select(a => a.Id).ToListAsync();
            stamps = await db.Articles.Select(a => a.ModifiedAt).ToListAsync();
            published = await db.Articles.CountAsync(a => a.Status == ArticleStatus.Published && a.PublishedAt != null);
        }
        Assert.True(stamps.CountBy(at => at).Max(g => g.Value) > SearchIndexer.BatchSize, "the bulk import did not stamp more than a page at one instant");

        // Page by page from the start, as a build from scratch reads: every story once, none left out.
        var read = new List<Guid>();
        using (var scope = app.Services.CreateScope())
        {
            var db = app.Db(scope);
            var (at, afterId) = (DateTimeOffset.MinValue, (Guid?)Guid.Empty);
            while (await SearchIndexer.PageAsync(db, at, afterId, CancellationToken.None) is { Count: > 0 } page)
            {
                Assert.True(page.Count <= SearchIndexer.BatchSize);
                read.AddRange(page.Select(p => p.Id));
                Assert.True(read.Count <= ids.Count, "a story was read more than once");
                (at, afterId) = (page[^1].Stamp.At, page[^1].Id);
            }
        }
        Assert.Equal(ids.Order(), read.Order());

        Assert.Equal(ids.Count, await app.Services.GetRequiredService<SearchIndexer>().RebuildAsync());
        Assert.Equal(published, app.Services.GetRequiredService<SearchIndex>().Count);

        // As after a restart: a poller that knows no stamps looks again at the whole import (it is within the overlap), finds
        // each story's save in the index, and takes in none of them again.
        var restarted = ActivatorUtilities.CreateInstance<SearchIndexer>(app.Services);
        Assert.Equal(0, await restarted.RunOnceAsync());

        // A story saved after its import is taken in: its stamp differs from the one the index holds. (This node's own
        // poller may take it in first; either way the index then holds the new save.)
        Guid edited;
        int version;
        using (var scope = app.Services.CreateScope())
        {
            var db = app.Db(scope);
            var story = await db.Articles.FirstAsync(a => a.Status == ArticleStatus.Published && a.PublishedAt != null);
            (edited, version) = (story.Id, ++story.Version);
            await db.SaveChangesAsync();
        }
        await ActivatorUtilities.CreateInstance<SearchIndexer>(app.Services).RunOnceAsync();
        Assert.Equal(version, app.Services.GetRequiredService<SearchIndex>().StampsOf([edited])[edited].Version);
    }

    [Fact]
    public async Task When_only_the_newest_stories_are_ranked_the_page_says_from_when_and_how_to_reach_older_ones()
    {
        // 2,580 generated stories (a fixed corpus: the generator's seed is fixed); "harga" is in most of them. The newest
        // 2,000 are ranked first, and over a thousand of them match.
        using var app = new WartaNode(null, new Dictionary<string, string?> { ["Warta:Search:WindowStories"] = "2000" });
        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(SearchIndexer.BatchSize + 500, bulk: true);
        await app.Services.GetRequiredService<SearchIndexer>().RebuildAsync();

        var page = await app.ReaderClient().GetPageAsync(SearchRoutes.UrlFor("harga"));
        Assert.Equal("1.000 hasil", page.QuerySelector(".search-count")!.TextContent);
        var note = page.QuerySelector(".search-window")!.TextContent;
        Assert.StartsWith("Diurutkan dari berita sejak ", note);
        Assert.Contains("isi tanggal Sampai", note);

        // From a date a year back (about 860 stories of the three years generated) the whole range is ranked: no note.
        var from = app.Clock.GetUtcNow().AddDays(-365).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var lastYear = await app.ReaderClient().GetPageAsync(SearchRoutes.UrlFor("harga") + "&dari=" + from);
        Assert.NotEmpty(lastYear.QuerySelectorAll(".search-result"));
        Assert.Null(lastYear.QuerySelector(".search-window"));
    }

    [Fact]
    public async Task A_poll_over_stories_already_taken_in_reads_no_story_text_and_an_edit_among_them_is_still_taken_in()
    {
        using var app = new SqlRecordingNode();
        var api = await app.ApiClientAsync();
        await api.EnsureChannelAsync("ekonomi", "Ekonomi");
        var first = await api.PublishAsync(NewsroomApi.Story("Ekspor Kopi Melonjak"));
        var second = await api.PublishAsync(NewsroomApi.Story("Harga Cabai Turun"));
        await PollAsync(app);

        // Both stories are inside the overlap, so the poll looks at them again, by their stamps alone.
        app.Commands.Clear();
        Assert.Equal(0, await PollAsync(app));
        var storyReads = app.Commands.Where(c => c.Contains("FROM \"Articles\"", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(storyReads);
        Assert.DoesNotContain(storyReads, c => c.Contains("\"Body\"", StringComparison.Ordinal));

        var read = await api.GetFromJsonAsync<JsonElement>($"/api/admin/articles/{second.Id}");
        var story = JsonSerializer.Deserialize<Dictionary<string, object?>>(read.GetProperty("article").GetRawText())!;
        story["title"] = "Harga Bawang Merah Turun";
        var response = await api.PutAsJsonAsync($"/api/admin/articles/{second.Id}", story);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        app.Commands.Clear();
        Assert.Equal(1, await PollAsync(app));
        // The recorder does see a story's text when a poll reads it: the edited story's, and only now.
        Assert.Contains(app.Commands, c => c.Contains("FROM \"Articles\"", StringComparison.Ordinal) && c.Contains("\"Body\"", StringComparison.Ordinal));
        Assert.Equal([second.Url], await ResultUrlsAsync(app, "bawang merah"));
        Assert.Equal([first.Url], await ResultUrlsAsync(app, "ekspor kopi"));
    }

    /// <summary>A node that keeps the text of every SQL command it runs.</summary>
    sealed class SqlRecordingNode : WartaFactory
    {
        public ConcurrentQueue<string> Commands { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Logging:LogLevel:" + DbLoggerCategory.Database.Command.Name, "Information");
            builder.ConfigureLogging(logging => logging.AddProvider(new Recorder(Commands)));
        }

        sealed class Recorder(ConcurrentQueue<string> commands) : ILoggerProvider, ILogger
        {
            public ILogger CreateLogger(string categoryName) =>
                categoryName == DbLoggerCategory.Database.Command.Name ? this : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (eventId.Id == Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandExecuted.Id) commands.Enqueue(formatter(state, exception));
            }

            public void Dispose() { }
        }
    }
}
