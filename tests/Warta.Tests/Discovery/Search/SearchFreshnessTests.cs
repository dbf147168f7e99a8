using Microsoft.Extensions.DependencyInjection;
using Warta.Tests.Infrastructure;
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
}
