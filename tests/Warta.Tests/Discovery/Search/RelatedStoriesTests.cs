using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Warta.Tests.Infrastructure;
using Warta.Web.Content;
using Warta.Web.Data;
using Warta.Web.Discovery.Search;

namespace Warta.Tests.Discovery.Search;

/// <summary>A fixed corpus around a story about BCA's profit (ticker BBCA), taken in by the index; one story unpublished after that.</summary>
public sealed class RelatedCorpus : WartaFactory, IAsyncLifetime
{
    public Dictionary<string, Saved> Stories { get; } = [];
    public HttpClient Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Api = await ApiClientAsync();
        await Api.EnsureChannelAsync("ekonomi", "Ekonomi");
        await Api.EnsureChannelAsync("pasar", "Pasar");
        await Api.EnsureChannelAsync("gaya", "Gaya Hidup");
        (await Api.PutAsJsonAsync("/api/admin/instruments/BBCA", new { label = "Bank Central Asia", kind = "price", decimals = 0, unit = "Rp", order = 3 })).EnsureSuccessStatusCode();
        var now = Clock.GetUtcNow();

        var story = SearchCorpus.Story("Laba BBCA Naik 12 Persen", "", now.AddHours(-1));
        story["tags"] = new[] { "perbankan" };
        story["body"] = "<p>PT Bank Central Asia Tbk (BBCA) mencatat laba bersih naik 12 persen.</p>"
            + string.Concat(Enumerable.Range(1, 8).Select(i => $"<p>Paragraf {i} laporan keuangan kuartal pertama.</p>"));
        Stories["story"] = await Api.PublishAsync(story);
        // Three stories about the same company, none sharing a tag, the channel or a headline word: they tie, so the newest leads.
        await Add("ticker40", "Saham Bank Swasta Terbesar Dibuka Menguat", "Saham BBCA menguat pada pembukaan perdagangan.", now.AddDays(-40), "pasar");
        await Add("company45", "Cabang Baru Dibuka di Surabaya", "Bank Central Asia membuka cabang baru di kota itu.", now.AddDays(-45), "pasar");
        await Add("ticker50", "Dividen Jumbo Dibagikan Akhir Bulan", "Direksi BBCA mengumumkan dividen tunai.", now.AddDays(-50), "pasar");
        // A shared tag, the channel and this week: less than one shared company.
        await Add("tagged", "Kredit Perbankan Tumbuh Pesat", "Penyaluran kredit tumbuh dua digit.", now.AddDays(-1), tags: ["perbankan"]);
        await Add("channel", "Harga Cabai Turun", "Pasokan cabai melimpah.", now.AddDays(-2));
        await Add("unrelated", "Festival Kuliner Akhir Pekan", "Ratusan pedagang makanan hadir.", now.AddDays(-1), "gaya");
        await Add("gone", "Saham BBCA Dibuka Melemah", "Saham BBCA melemah pagi ini.", now.AddDays(-35), "pasar");
        await Add("stale", "Analis Naikkan Target BBCA", "Target harga BBCA dinaikkan analis.", now.AddDays(-36), "pasar");
        Assert.Equal("unpublished", (await (await Api.DeleteAsync($"/api/admin/articles/{Stories["gone"].Id}?version=1")).ReadAsync<Saved>(200)).Status);

        await Services.GetRequiredService<SearchIndexer>().RunOnceAsync();
        // Unpublished after the index last looked: the index still holds it.
        Assert.Equal("unpublished", (await (await Api.DeleteAsync($"/api/admin/articles/{Stories["stale"].Id}?version=1")).ReadAsync<Saved>(200)).Status);

        async Task Add(string key, string title, string body, DateTimeOffset at, string channel = "ekonomi", string[]? tags = null)
        {
            var s = SearchCorpus.Story(title, body, at, channel: channel);
            s["tags"] = tags ?? [];
            Stories[key] = await Api.PublishAsync(s);
        }
    }

    public string KeyOf(string url) => Stories.Single(s => s.Value.Url == url).Key;

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

/// <summary>Baca Juga and "Lainnya tentang ini" from the search index, on SQLite and (WARTA_TEST_DB=postgres) PostgreSQL.</summary>
public class RelatedStoriesTests(RelatedCorpus corpus) : IClassFixture<RelatedCorpus>
{
    async Task<List<string>> RelatedAsync(string key, int count)
    {
        using var scope = corpus.Services.CreateScope();
        var article = await scope.ServiceProvider.GetRequiredService<WartaDb>().Articles.Include(a => a.Tags).ThenInclude(t => t.Tag)
            .Include(a => a.Channel).SingleAsync(a => a.Id == corpus.Stories[key].Id);
        var related = await corpus.Services.GetRequiredService<IRelatedStories>().ForAsync(article, count);
        return related.Select(r => corpus.KeyOf(r.Url)).ToList();
    }

    [Fact]
    public async Task A_story_about_BBCA_gets_the_other_BBCA_stories_first_by_ticker_or_company_name_the_newest_first()
    {
        Assert.Equal(["ticker40", "company45", "ticker50", "tagged", "channel"], await RelatedAsync("story", 7));
    }

    [Fact]
    public async Task Never_the_story_itself_nor_an_unpublished_story_even_one_the_index_still_holds()
    {
        var related = await RelatedAsync("story", 20);
        Assert.DoesNotContain("story", related);
        Assert.DoesNotContain("gone", related);
        Assert.DoesNotContain("stale", related);
        Assert.DoesNotContain("unrelated", related);
    }

    [Fact]
    public async Task The_article_page_offers_them_as_Baca_Juga_then_Lainnya_tentang_ini()
    {
        var page = await corpus.ReaderClient().GetPageAsync(corpus.Stories["story"].Url);
        Assert.Equal(["ticker40", "company45", "ticker50"], page.QuerySelectorAll(".baca-juga a").Select(a => corpus.KeyOf(a.GetAttribute("href")!)));
        Assert.Equal("Lainnya tentang ini", page.Text(".more-on-this h2"));
        Assert.Equal(["tagged", "channel"], page.QuerySelectorAll(".more-on-this li a").Select(a => corpus.KeyOf(a.GetAttribute("href")!)));
    }
}

public class StoryEntitiesTests
{
    static readonly Dictionary<string, string> Instruments = new() { ["BBCA"] = "Bank Central Asia", ["LQ45"] = "Indeks LQ45" };

    [Fact]
    public void A_ticker_and_its_company_name_are_one_entity_and_sentence_openers_are_not_names()
    {
        var entities = StoryEntities.Of("Laba BBCA Naik", "Kinerja PT Bank Central Asia Tbk membaik.",
            "Menurut Sri Mulyani, saham BBCA dan indeks LQ45 naik pada Senin. Kredit tumbuh di Jakarta.", Instruments).ToList();
        Assert.Equal(["BBCA", "Bank Central Asia"], entities[0].Names);
        Assert.Equal(4, entities[0].Mentions);
        Assert.Equal(
            ["Jakarta", "LQ45", "Sri Mulyani"],
            entities.Skip(1).Select(e => e.Names[0]).Order(StringComparer.Ordinal));
    }
}
