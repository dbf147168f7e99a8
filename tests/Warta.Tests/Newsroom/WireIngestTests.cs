using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Warta.Tests.Infrastructure;
using Warta.Web.Data;
using Warta.Web.Newsroom;
using Warta.Web.Newsroom.Wire;
using static Warta.Tests.Newsroom.WireFixtures;

namespace Warta.Tests.Newsroom;

/// <summary>Warta with the wire worker off (tests poll by hand), short fetch limits, and 127.0.0.2 trusted as if it were a public agency host.</summary>
public sealed class WireWartaFactory() : StaffFactory(Settings)
{
    public static readonly Dictionary<string, string?> Settings = new()
    {
        ["Warta:Wire:WorkerSeconds"] = "0",
        // Generous, so a loaded CI machine never trips it; the hanging-feed case lowers it for its one poll.
        ["Warta:Wire:FetchTimeoutSeconds"] = "15",
        ["Warta:Wire:MaxFeedBytes"] = "100000",
        ["Warta:Fetch:TrustedAddresses:0"] = "127.0.0.2",
    };
}

public class WireIngestTests(WireWartaFactory app) : IClassFixture<WireWartaFactory>, IAsyncLifetime
{
    static readonly DateTimeOffset Morning = new(2026, 11, 29, 1, 30, 0, TimeSpan.Zero);
    static readonly IPAddress AgencyHost = IPAddress.Parse("127.0.0.2");

    /// <summary>What each fixture route answers now; a test changes it between polls as an agency would.</summary>
    readonly ConcurrentDictionary<string, Func<HttpContext, Task>> _routes = new();
    FixtureServer _server = null!;

    public async Task InitializeAsync()
    {
        var api = await app.ApiClientAsync();
        await api.EnsureChannelAsync("ekonomi", "Ekonomi");
        await api.EnsureChannelAsync("internasional", "Internasional");
        _server = await FixtureServer.StartAsync(AgencyHost, web => web.Map("/{name}", async (HttpContext http, string name) =>
        {
            if (_routes.TryGetValue(name, out var answer)) await answer(http);
            else http.Response.StatusCode = 404;
        }));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    void Serve(string name, string xml, string type = "application/xml") =>
        _routes[name] = http =>
        {
            http.Response.ContentType = type;
            return http.Response.WriteAsync(xml);
        };

    async Task<int> AddFeedAsync(string agency, string? route, string channel = "ekonomi", string? folder = null, bool allowPrivate = false)
    {
        using var scope = app.Services.CreateScope();
        var db = app.Db(scope);
        var feed = new WireFeed
        {
            Agency = agency, Url = route is null ? null : _server.Url("/" + route).AbsoluteUri, DropFolder = folder, IntervalMinutes = 5,
            ChannelId = await db.Channels.Where(c => c.Slug == channel).Select(c => c.Id).SingleAsync(),
            AllowPrivateAddresses = allowPrivate, CreatedAt = app.Clock.GetUtcNow(), NextPollAt = app.Clock.GetUtcNow(),
        };
        db.WireFeeds.Add(feed);
        await db.SaveChangesAsync();
        return feed.Id;
    }

    async Task<PollOutcome> PollAsync(int feedId)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<WireIngest>().PollAsync(feedId);
    }

    async Task<List<(WireItem Item, Article Article)>> ImportedAsync(int feedId)
    {
        using var scope = app.Services.CreateScope();
        var db = app.Db(scope);
        var items = await db.WireItems.AsNoTracking().Include(i => i.Article).ThenInclude(a => a.Channel)
            .Where(i => i.FeedId == feedId).OrderBy(i => i.Id).ToListAsync();
        return items.Select(i => (i, i.Article)).ToList();
    }

    async Task<WireFeed> FeedAsync(int feedId)
    {
        using var scope = app.Services.CreateScope();
        return await app.Db(scope).WireFeeds.AsNoTracking().SingleAsync(f => f.Id == feedId);
    }

    [Fact]
    public async Task Rss_items_become_clean_drafts_with_source_link_and_agency_time_and_are_never_imported_twice()
    {
        Serve("rss-good", Rss(
            new Item("antara-1", "BI Tahan Suku Bunga di 6 Persen", "<p>Bank Indonesia menahan suku bunga.</p><script>alert('x')</script><p onclick=\"steal()\">Inflasi terkendali.</p>", Morning),
            new Item("antara-2", "Ekspor CPO Naik", "<p>Ekspor minyak sawit naik.</p>", Morning.AddMinutes(10))));
        var feedId = await AddFeedAsync("Antara", "rss-good");

        var first = await PollAsync(feedId);
        Assert.True(first.Succeeded, first.Error);
        Assert.Equal(2, first.Imported);

        var imported = await ImportedAsync(feedId);
        Assert.Equal(["antara-1", "antara-2"], imported.Select(x => x.Item.ItemGuid));
        var (item, draft) = imported[0];
        Assert.Equal("BI Tahan Suku Bunga di 6 Persen", draft.Title);
        Assert.Equal(ArticleStatus.Draft, draft.Status);
        Assert.Equal("Antara", draft.Source);
        Assert.Equal("ekonomi", draft.Channel.Slug);
        Assert.Equal("<p>Bank Indonesia menahan suku bunga.</p><p>Inflasi terkendali.</p>", draft.Body);
        Assert.Equal("Ringkasan: BI Tahan Suku Bunga di 6 Persen", draft.Summary);
        Assert.Equal("https://antara.example/berita/antara-1", item.Link);
        Assert.Equal(Morning, item.AgencyTime);

        var again = await PollAsync(feedId);
        Assert.True(again.Succeeded, again.Error);
        Assert.Equal((0, 0), (again.Imported, again.Updated));
        Assert.Equal(2, (await ImportedAsync(feedId)).Count);
        using var scope = app.Services.CreateScope();
        Assert.Equal(1, await app.Db(scope).Articles.CountAsync(a => a.Title == "BI Tahan Suku Bunga di 6 Persen"));
    }

    [Fact]
    public async Task Atom_and_newsml_text_items_become_drafts_and_plain_text_becomes_paragraphs()
    {
        Serve("atom", Atom(new Item("tag:reuters.example,2026:rupiah", "Rupiah strengthens on inflows", "<p>The rupiah rose.</p><p>Traders said.</p>", Morning)));
        Serve("newsml", NewsMl(new Item("urn:newsml:ap.example:2026:oil", "Oil prices climb", "<p>Oil rose <b>2%</b>.</p>", Morning.AddHours(1), Version: 3)));
        Serve("newsml-plain", NewsMlPlain("urn:newsml:ap.example:2026:plain", 1, "Harga emas", "Paragraf satu\nmasih satu.\n\nParagraf <dua> & tiga."));
        Serve("rss-plain", RssPlain("kb-1", "Cuaca pasar", "Baris pertama.\nBaris kedua."));
        var atom = await AddFeedAsync("Reuters", "atom", "internasional");
        var newsml = await AddFeedAsync("AP", "newsml", "internasional");
        var plain = await AddFeedAsync("AP", "newsml-plain");
        var rssPlain = await AddFeedAsync("Kantor Berita", "rss-plain");
        foreach (var feed in new[] { atom, newsml, plain, rssPlain }) Assert.True((await PollAsync(feed)).Succeeded);

        var (atomItem, atomDraft) = Assert.Single(await ImportedAsync(atom));
        Assert.Equal(("Reuters", "Rupiah strengthens on inflows", "<p>The rupiah rose.</p><p>Traders said.</p>"), (atomDraft.Source, atomDraft.Title, atomDraft.Body));
        Assert.Equal("https://reuters.example/a/tag%3Areuters.example%2C2026%3Arupiah", atomItem.Link);
        Assert.Equal(Morning, atomItem.AgencyTime);

        // The picture item in the same message is not copy.
        var (newsItem, newsDraft) = Assert.Single(await ImportedAsync(newsml));
        Assert.Equal(("AP", "Oil prices climb", "<p>Oil rose <b>2%</b>.</p>", "SINGAPURA"), (newsDraft.Source, newsDraft.Title, newsDraft.Body, newsDraft.Dateline));
        Assert.Equal((3, Morning.AddHours(1)), (newsItem.Version, newsItem.AgencyTime));

        Assert.Equal("<p>Paragraf satu masih satu.</p><p>Paragraf &lt;dua&gt; &amp; tiga.</p>", Assert.Single(await ImportedAsync(plain)).Article.Body);
        Assert.Equal("<p>Baris pertama.</p><p>Baris kedua.</p>", Assert.Single(await ImportedAsync(rssPlain)).Article.Body);
    }

    [Fact]
    public async Task An_update_replaces_an_untouched_draft_and_leaves_an_edited_one_alone()
    {
        var untouched = new Item("urn:newsml:ap.example:2026:u", "Saham Asia dibuka menguat", "<p>Versi pertama.</p>", Morning);
        var edited = new Item("urn:newsml:ap.example:2026:e", "Yen melemah", "<p>Versi pertama yen.</p>", Morning);
        Serve("newsml-upd", NewsMl(untouched, edited));
        var feedId = await AddFeedAsync("AP", "newsml-upd");
        Assert.Equal(2, (await PollAsync(feedId)).Imported);
        var drafts = await ImportedAsync(feedId);
        var editedId = drafts.Single(d => d.Item.ItemGuid == edited.Id).Article.Id;

        // An editor rewrites one draft through the newsroom API.
        var api = await app.ApiClientAsync();
        var story = await ArticleWriter.ReadAsync(app.Db(app.Services.CreateScope()), editedId) ?? throw new InvalidOperationException();
        story.Body = "<p>Tulisan redaktur sendiri.</p>";
        (await api.PutAsJsonAsync($"/api/admin/articles/{editedId}", story, JsonInputOptions)).EnsureSuccessStatusCode();

        app.Clock.Advance(TimeSpan.FromMinutes(30));
        Serve("newsml-upd", NewsMl(
            untouched with { Version = 2, Title = "Saham Asia dibuka menguat tajam", Body = "<p>Versi kedua.</p>", Time = Morning.AddMinutes(30) },
            edited with { Version = 2, Body = "<p>Versi kedua yen.</p>", Time = Morning.AddMinutes(30) }));
        var outcome = await PollAsync(feedId);
        Assert.Equal((0, 1, 1), (outcome.Imported, outcome.Updated, outcome.Withheld));

        var after = await ImportedAsync(feedId);
        var updated = after.Single(d => d.Item.ItemGuid == untouched.Id);
        Assert.Equal(("Saham Asia dibuka menguat tajam", "<p>Versi kedua.</p>", 2), (updated.Article.Title, updated.Article.Body, updated.Item.Version));
        Assert.Equal(Morning.AddMinutes(30), updated.Item.AgencyTime);
        var kept = after.Single(d => d.Item.ItemGuid == edited.Id);
        Assert.Equal("<p>Tulisan redaktur sendiri.</p>", kept.Article.Body);
        Assert.NotNull(kept.Item.UpdateWithheldAt);

        // The same version again changes nothing; an older version never goes back.
        Assert.Equal((0, 0, 0), Counts(await PollAsync(feedId)));
        Serve("newsml-upd", NewsMl(untouched));
        Assert.Equal((0, 0, 0), Counts(await PollAsync(feedId)));
        Assert.Equal("<p>Versi kedua.</p>", (await ImportedAsync(feedId)).Single(d => d.Item.ItemGuid == untouched.Id).Article.Body);

        // RSS has no versions: changed content under the same guid is the update.
        Serve("rss-upd", Rss(new Item("r-1", "Harga beras", "<p>Awal.</p>", Morning)));
        var rss = await AddFeedAsync("Antara", "rss-upd");
        await PollAsync(rss);
        Serve("rss-upd", Rss(new Item("r-1", "Harga beras", "<p>Ralat agensi.</p>", Morning)));
        Assert.Equal(1, (await PollAsync(rss)).Updated);
        Assert.Equal("<p>Ralat agensi.</p>", Assert.Single(await ImportedAsync(rss)).Article.Body);
    }

    static readonly System.Text.Json.JsonSerializerOptions JsonInputOptions = Warta.Web.Shared.JsonInput.Options;

    static (int, int, int) Counts(PollOutcome o) => (o.Imported, o.Updated, o.Withheld);

    [Fact]
    public async Task Two_nodes_polling_the_same_feed_at_once_import_each_item_once()
    {
        Serve("rss-race", Rss(Enumerable.Range(1, 12).Select(i => new Item($"race-{i}", $"Berita balapan {i}", $"<p>Isi {i}.</p>", Morning.AddMinutes(i))).ToArray()));
        var feedId = await AddFeedAsync("Antara", "rss-race");
        using var second = new WartaNode(app, WireWartaFactory.Settings);
        _ = second.Services;

        async Task<PollOutcome> On(WartaFactory node)
        {
            using var scope = node.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<WireIngest>().PollAsync(feedId);
        }
        var outcomes = await Task.WhenAll(On(app), On(second), On(app));
        Assert.Equal(12, outcomes.Sum(o => o.Imported));
        Assert.Equal(12, (await ImportedAsync(feedId)).Count);
        using var scope = app.Services.CreateScope();
        Assert.Equal(12, await app.Db(scope).Articles.CountAsync(a => a.Title.StartsWith("Berita balapan")));
    }

    public static TheoryData<string, string> HostileCases() => new()
    {
        { "xxe", "DTD" },
        { "billion-laughs", "DTD" },
        { "oversized", "larger than the limit" },
        { "hanging", "No complete answer within 2 seconds" },
        { "redirect-private", "127.0.0.1" },
        { "not-xml", "XML feed rusak" },
        { "html-page", "Bukan RSS 2.0, Atom 1.0 atau NewsML-G2" },
        { "broken-midway", "XML feed rusak" },
        { "server-error", "500" },
    };

    [Theory]
    [MemberData(nameof(HostileCases))]
    public async Task A_hostile_or_broken_feed_marks_the_feed_failing_with_the_reason_and_keeps_what_was_imported(string hostile, string reason)
    {
        var route = "h-" + hostile;
        var earlier = new Item(route + "-1", "Berita sebelum masalah " + hostile, "<p>Isi yang sudah masuk.</p>", Morning);
        Serve(route, Rss(earlier));
        var feedId = await AddFeedAsync("Antara", route);
        Assert.True((await PollAsync(feedId)).Succeeded);
        var before = await FeedAsync(feedId);

        var secretFile = Path.Combine(app.DataPath, "rahasia.txt");
        await File.WriteAllTextAsync(secretFile, "RAHASIA-SERVER-LOKAL");
        await using var inner = await FixtureServer.StartAsync(web => web.MapGet("/internal", () => Results.Text(Rss(new Item("in-1", "Dalam", "<p>internal</p>", Morning)), "application/xml")));
        switch (hostile)
        {
            case "xxe": Serve(route, Xxe(secretFile)); break;
            case "billion-laughs": Serve(route, BillionLaughs()); break;
            case "oversized": Serve(route, Rss(new Item("big", "Besar", "<p>" + new string('x', 150_000) + "</p>", Morning))); break;
            case "hanging":
                _routes[route] = async http =>
                {
                    http.Response.ContentType = "application/xml";
                    await http.Response.WriteAsync("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>");
                    await http.Response.Body.FlushAsync();
                    // The agency's server stops sending and never closes: only Warta's time limit ends the fetch.
                    await Task.Delay(Timeout.Infinite, http.RequestAborted);
                };
                break;
            case "redirect-private": _routes[route] = http => { http.Response.Redirect(inner.Url("/internal").AbsoluteUri); return Task.CompletedTask; }; break;
            case "not-xml": Serve(route, "{\"items\":[{\"title\":\"json\"}]}", "application/json"); break;
            case "html-page": Serve(route, "<html><head><title>Masuk</title></head><body><p>Silakan masuk</p></body></html>", "text/html"); break;
            case "broken-midway": Serve(route, BrokenMidway(new Item(route + "-2", "Berita baru sebelum patah", "<p>Baru.</p>", Morning))); break;
            case "server-error": _routes[route] = http => { http.Response.StatusCode = 500; return Task.CompletedTask; }; break;
        }

        var wire = app.Services.GetRequiredService<WireOptions>();
        var generous = wire.FetchTimeoutSeconds;
        if (hostile == "hanging") wire.FetchTimeoutSeconds = 2;
        PollOutcome outcome;
        try { outcome = await PollAsync(feedId); }
        finally { wire.FetchTimeoutSeconds = generous; }
        Assert.False(outcome.Succeeded);
        var feed = await FeedAsync(feedId);
        Assert.True(feed.LastError?.Contains(reason, StringComparison.Ordinal), $"{hostile}: {feed.LastError}");
        Assert.Equal(1, feed.ConsecutiveFailures);
        Assert.Equal(before.LastSuccessAt, feed.LastSuccessAt);

        var (item, draft) = Assert.Single(await ImportedAsync(feedId));
        Assert.Equal((earlier.Id, "<p>Isi yang sudah masuk.</p>"), (item.ItemGuid, draft.Body));
        using (var scope = app.Services.CreateScope())
        {
            var db = app.Db(scope);
            Assert.False(await db.Articles.AnyAsync(a => a.Body.Contains("RAHASIA") || a.Title.Contains("RAHASIA") || a.Title == "Dalam" || a.Title == "Berita baru sebelum patah"));
        }

        // The agency mends its feed: the next poll succeeds and the failure count goes back to nought.
        Serve(route, Rss(earlier, new Item(route + "-3", "Berita setelah pulih " + hostile, "<p>Pulih.</p>", Morning)));
        var mended = await PollAsync(feedId);
        Assert.True(mended.Succeeded, mended.Error);
        Assert.Equal(1, mended.Imported);
        Assert.Equal(0, (await FeedAsync(feedId)).ConsecutiveFailures);
    }

    [Fact]
    public async Task A_private_address_is_refused_unless_the_admin_allowed_it_for_that_feed()
    {
        await using var office = await FixtureServer.StartAsync(web => web.MapGet("/feed.xml", () => Results.Text(Rss(new Item("lan-1", "Dari jaringan kantor", "<p>LAN.</p>", Morning)), "application/xml")));
        using var scope = app.Services.CreateScope();
        var db = app.Db(scope);
        var channel = await db.Channels.Where(c => c.Slug == "ekonomi").Select(c => c.Id).SingleAsync();
        var refused = db.WireFeeds.Add(new WireFeed { Agency = "Kantor", Url = office.Url("/feed.xml").AbsoluteUri, ChannelId = channel, NextPollAt = app.Clock.GetUtcNow() }).Entity;
        var allowed = db.WireFeeds.Add(new WireFeed { Agency = "Kantor", Url = office.Url("/feed.xml").AbsoluteUri, ChannelId = channel, NextPollAt = app.Clock.GetUtcNow(), AllowPrivateAddresses = true }).Entity;
        await db.SaveChangesAsync();

        var no = await PollAsync(refused.Id);
        Assert.False(no.Succeeded);
        Assert.Contains("private, loopback or link-local", no.Error);
        Assert.Empty(await ImportedAsync(refused.Id));
        var yes = await PollAsync(allowed.Id);
        Assert.True(yes.Succeeded, yes.Error);
        Assert.Single(await ImportedAsync(allowed.Id));
    }

    [Fact]
    public async Task Only_due_feeds_are_polled_and_each_poll_moves_the_next_one_on()
    {
        Serve("rss-due", Rss(new Item("due-1", "Berita terjadwal", "<p>Isi.</p>", Morning)));
        var feedId = await AddFeedAsync("Antara", "rss-due");
        using var scope = app.Services.CreateScope();
        var ingest = scope.ServiceProvider.GetRequiredService<WireIngest>();
        Assert.True(await ingest.PollDueAsync(CancellationToken.None) >= 1);
        Assert.Single(await ImportedAsync(feedId));
        var next = (await FeedAsync(feedId)).NextPollAt;
        Assert.Equal(app.Clock.GetUtcNow().AddMinutes(5), next);

        Serve("rss-due", Rss(new Item("due-1", "Berita terjadwal", "<p>Isi.</p>", Morning), new Item("due-2", "Berita kedua terjadwal", "<p>Isi.</p>", Morning)));
        await ingest.PollDueAsync(CancellationToken.None);
        Assert.Single(await ImportedAsync(feedId));
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await ingest.PollDueAsync(CancellationToken.None);
        Assert.Equal(2, (await ImportedAsync(feedId)).Count);
    }

    [Fact]
    public async Task A_drop_folder_imports_good_files_and_moves_each_file_to_processed_or_failed()
    {
        var feedId = await AddFeedAsync("Antara", null, folder: "antara-drop");
        string folder;
        using (var scope = app.Services.CreateScope())
            folder = scope.ServiceProvider.GetRequiredService<WireIngest>().DropPath(await FeedAsync(feedId));
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "001-rupiah.xml"), Rss(new Item("drop-1", "Rupiah dari folder", "<p>Isi.</p>", Morning)));
        await File.WriteAllTextAsync(Path.Combine(folder, "002-ap.xml"), NewsMlPlain("urn:drop:2", 1, "Minyak dari folder", "Teks polos."));
        await File.WriteAllTextAsync(Path.Combine(folder, "003-rusak.xml"), BillionLaughs());
        await File.WriteAllTextAsync(Path.Combine(folder, "004-sedang-disalin.xml.part"), "<rss");

        var outcome = await PollAsync(feedId);
        Assert.False(outcome.Succeeded);
        Assert.Equal(2, outcome.Imported);
        Assert.Contains("003-rusak.xml", outcome.Error);
        Assert.Equal(["Minyak dari folder", "Rupiah dari folder"], (await ImportedAsync(feedId)).Select(x => x.Article.Title).Order());
        Assert.Equal(["001-rupiah.xml", "002-ap.xml"], Directory.GetFiles(Path.Combine(folder, "processed")).Select(Path.GetFileName).Order());
        Assert.Equal(["003-rusak.xml"], Directory.GetFiles(Path.Combine(folder, "failed")).Select(Path.GetFileName));
        Assert.Equal(["004-sedang-disalin.xml.part"], Directory.GetFiles(folder).Select(Path.GetFileName));
        var feed = await FeedAsync(feedId);
        Assert.Equal(1, feed.ConsecutiveFailures);

        // The same file dropped again imports nothing new.
        await File.WriteAllTextAsync(Path.Combine(folder, "001-rupiah.xml"), Rss(new Item("drop-1", "Rupiah dari folder", "<p>Isi.</p>", Morning)));
        var again = await PollAsync(feedId);
        Assert.True(again.Succeeded, again.Error);
        Assert.Equal(0, again.Imported);
        Assert.Equal(3, Directory.GetFiles(Path.Combine(folder, "processed")).Length);
    }
}
