using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Warta.Tests.Infrastructure;
using Warta.Tests.Paywall;

namespace Warta.Tests.Discovery.Api;

public class ContentApiTests(ContentApiApp app) : IClassFixture<ContentApiApp>
{
    readonly HttpClient _partner = app.CreateClient();

    /// <summary>A story through the newsroom API; each test uses a channel of its own, so the lists it reads hold only its stories.</summary>
    async Task<Saved> StoryAsync(string title, string channel, DateTimeOffset? publishedAt = null, Action<Dictionary<string, object?>>? change = null)
    {
        var api = await app.ApiClientAsync();
        await api.EnsureChannelAsync(channel, "Kanal " + channel);
        var story = NewsroomApi.Story(title, channel);
        if (publishedAt is { } at) story["publishedAt"] = at.ToString("O");
        change?.Invoke(story);
        return await api.PublishAsync(story);
    }

    DateTimeOffset Now => app.Clock.GetUtcNow();

    [Fact]
    public async Task A_partner_paging_while_stories_are_published_sees_every_original_story_once()
    {
        var original = new List<string>();
        for (var i = 0; i < 7; i++) original.Add((await StoryAsync($"Halaman asli {i}", "paging", Now.AddHours(-10 - i))).Slug);
        // Two published in the same second: the id orders them, and the page boundary falls between them.
        original.Add((await StoryAsync("Halaman kembar satu", "paging", Now.AddHours(-20))).Slug);
        original.Add((await StoryAsync("Halaman kembar dua", "paging", Now.AddHours(-20))).Slug);

        // The twins' order is their ids' order, so the whole list read at once is the order to hold to.
        var reference = await _partner.SlugsAsync("/api/content/articles?channel=paging&limit=100");
        Assert.Equal(original.Take(7), reference.Take(7));
        Assert.Equal(original.Order(), reference.Order());

        var first = await _partner.JsonAsync("/api/content/articles?channel=paging&limit=4");
        var seen = ContentApi.Slugs(first);
        Assert.Equal(reference.Take(4), seen);

        var inserted = new List<string>
        {
            (await StoryAsync("Baru sekali", "paging", Now.AddMinutes(-1))).Slug,
            (await StoryAsync("Baru juga", "paging", Now.AddMinutes(-2))).Slug,
            // Dated among the stories already seen, and among those still to come.
            (await StoryAsync("Bertanggal mundur di halaman satu", "paging", Now.AddHours(-11).AddMinutes(-30))).Slug,
            (await StoryAsync("Bertanggal mundur di halaman akhir", "paging", Now.AddHours(-15).AddMinutes(-30))).Slug,
        };
        seen.AddRange(await _partner.SlugsAsync("/api/content/articles?channel=paging&limit=4", first.GetProperty("nextCursor").GetString()));

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(reference, seen.Where(original.Contains));
        // Only the one dated after the cursor is met on the way; the newer ones and the one dated among page one are not.
        Assert.Equal([inserted[3]], seen.Where(inserted.Contains));
        Assert.Equal(inserted.Take(2).Concat(original.Take(2)).Append(inserted[2]).Concat(original.Skip(2)).Append(inserted[3]).OrderBy(s => s).ToList(),
            (await _partner.SlugsAsync("/api/content/articles?channel=paging&limit=100")).OrderBy(s => s).ToList());
    }

    [Fact]
    public async Task The_articles_list_filters_by_channel_tag_author_kind_and_dates()
    {
        var plain = await StoryAsync("Saring biasa", "saring", Now.AddDays(-3));
        var tagged = await StoryAsync("Saring bertag", "saring", Now.AddDays(-2), s => { s["tags"] = new[] { "Emiten Saring" }; s["reporters"] = new[] { "Rina Saring" }; });
        var opinion = await StoryAsync("Saring opini", "saring", Now.AddDays(-1), s => { s["kind"] = "opinion"; s["columnist"] = new { name = "Budi Kolumnis", role = "Redaktur Senior" }; });
        await StoryAsync("Kanal lain", "saring-lain", Now.AddDays(-1), s => s["tags"] = new[] { "Emiten Saring" });

        async Task<List<string>> Slugs(string query) => ContentApi.Slugs(await _partner.JsonAsync("/api/content/articles?" + query));
        Assert.Equal([opinion.Slug, tagged.Slug, plain.Slug], await Slugs("channel=saring"));
        Assert.Equal(2, (await Slugs("tag=emiten-saring")).Count);
        Assert.Equal([tagged.Slug], await Slugs("channel=saring&tag=emiten-saring"));
        Assert.Equal([tagged.Slug], await Slugs("author=rina-saring"));
        Assert.Equal([opinion.Slug], await Slugs("author=budi-kolumnis"));
        Assert.Equal([opinion.Slug], await Slugs("channel=saring&kind=opinion"));
        Assert.Equal([tagged.Slug, plain.Slug], await Slugs("channel=saring&kind=news"));
        // Dates are whole WIB days: the clock is 2023-05-05 10:23 WIB, so the stories are on 2, 3 and 4 May.
        Assert.Equal([tagged.Slug], await Slugs("channel=saring&from=2023-05-03&to=2023-05-03"));
        Assert.Equal([opinion.Slug, tagged.Slug], await Slugs("channel=saring&from=2023-05-03"));
        Assert.Equal([plain.Slug], await Slugs("channel=saring&to=" + Uri.EscapeDataString("2023-05-02T10:23:00+07:00")));
        Assert.Empty(await Slugs("channel=saring&to=" + Uri.EscapeDataString("2023-05-02T10:22:59+07:00")));
        Assert.Empty(await Slugs("channel=tidak-ada"));
    }

    [Fact]
    public async Task A_story_comes_with_absolute_links_and_its_times_in_wib()
    {
        var saved = await StoryAsync("Waktu WIB", "waktu", new DateTimeOffset(2023, 5, 4, 17, 30, 0, TimeSpan.Zero),
            s => { s["tags"] = new[] { "Rupiah Waktu" }; s["reporters"] = new[] { "Dewi Waktu" }; s["source"] = "Reuters"; });
        var response = await _partner.GetAsync("/api/content/articles/" + saved.Slug);
        var raw = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"publishedAt\":\"2023-05-05T00:30:00+07:00\"", raw);
        var story = JsonDocument.Parse(raw).RootElement;
        Assert.Equal(ContentApiApp.BaseUrl + "/berita/" + saved.Slug, story.GetProperty("url").GetString());
        Assert.Equal((ContentApiApp.BaseUrl + "/kanal/waktu", "Kanal waktu"), (story.GetProperty("channel").GetProperty("url").GetString(), story.GetProperty("channel").GetProperty("name").GetString()));
        Assert.Equal([ContentApiApp.BaseUrl + "/tag/rupiah-waktu"], story.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("url").GetString()));
        Assert.Equal([ContentApiApp.BaseUrl + "/penulis/dewi-waktu"], story.GetProperty("authors").EnumerateArray().Select(a => a.GetProperty("url").GetString()));
        Assert.Equal(("news", "Reuters", JsonValueKind.Null, true, true), (story.GetProperty("kind").GetString(), story.GetProperty("source").GetString(),
            story.GetProperty("updatedAt").ValueKind, story.GetProperty("isAccessibleForFree").GetBoolean(), story.GetProperty("bodyComplete").GetBoolean()));
        Assert.Contains("<p>Paragraf 8 dari Waktu WIB.</p>", story.GetProperty("body").GetString());
        Assert.Equal(ContentApiApp.BaseUrl + "/berita/" + saved.Slug, (await _partner.JsonAsync("/api/content/articles?channel=waktu")).GetProperty("items")[0].GetProperty("url").GetString());
    }

    [Fact]
    public async Task Fields_chooses_what_each_story_carries_and_a_list_leaves_out_the_body_unless_asked()
    {
        await StoryAsync("Kolom pilihan", "kolom");
        var chosen = (await _partner.JsonAsync("/api/content/articles?channel=kolom&fields=title,url,publishedAt")).GetProperty("items")[0];
        // In the order a story's fields always come in, whatever the order asked.
        Assert.Equal(["url", "title", "publishedAt"], chosen.EnumerateObject().Select(p => p.Name));
        var standard = (await _partner.JsonAsync("/api/content/articles?channel=kolom")).GetProperty("items")[0];
        Assert.Equal(["id", "slug", "url", "title", "summary", "kind", "channel", "tags", "authors", "source", "image", "publishedAt", "updatedAt", "isAccessibleForFree", "bodyComplete"],
            standard.EnumerateObject().Select(p => p.Name));
        var withBody = (await _partner.JsonAsync("/api/content/articles?channel=kolom&fields=slug,body")).GetProperty("items")[0];
        Assert.Contains("Paragraf 1 dari Kolom pilihan", withBody.GetProperty("body").GetString());
    }

    [Fact]
    public async Task A_premium_story_gives_only_its_free_part_to_everyone_subscribers_included()
    {
        var story = await app.StoryAsync("Premium lewat API", premium: true);
        var (subscriber, _) = await app.SubscriberAsync("pelanggan-api@contoh.id");
        Assert.True(await subscriber.ReadsWholeAsync(story), "the subscriber reads the story whole on the site");
        var staff = await app.ApiClientAsync();
        foreach (var client in new[] { _partner, subscriber, staff })
        {
            foreach (var url in new[] { "/api/content/articles/" + story.Slug, "/api/content/articles?channel=ekonomi&fields=slug,summary,body,isAccessibleForFree,bodyComplete", "/api/content/articles?channel=ekonomi" })
            {
                var response = await client.GetAsync(url);
                var raw = await response.Content.ReadAsStringAsync();
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.DoesNotContain(story.Marker, raw);
                Assert.DoesNotContain("Paragraf 4 dari", raw);
                var json = JsonDocument.Parse(raw).RootElement;
                var item = json.TryGetProperty("items", out var items) ? items.EnumerateArray().Single(i => i.GetProperty("slug").GetString() == story.Slug) : json;
                Assert.False(item.GetProperty("isAccessibleForFree").GetBoolean());
                Assert.False(item.GetProperty("bodyComplete").GetBoolean());
                if (item.TryGetProperty("body", out var body))
                    Assert.Equal("<p>Paragraf 1 dari Premium lewat API.</p><p>Paragraf 2 dari Premium lewat API.</p><p>Paragraf 3 dari Premium lewat API.</p>", body.GetString());
            }
        }
    }

    [Fact]
    public async Task Drafts_scheduled_and_unpublished_stories_are_never_served()
    {
        var shown = await StoryAsync("Terbit tampil", "tersembunyi");
        var draft = await StoryAsync("Draf tersembunyi", "tersembunyi", change: s => s["status"] = "draft");
        var scheduled = await StoryAsync("Terjadwal tersembunyi", "tersembunyi", Now.AddHours(2), s => s["status"] = "scheduled");
        var withdrawn = await StoryAsync("Ditarik tersembunyi", "tersembunyi");
        var api = await app.ApiClientAsync();
        var read = await api.GetFromJsonAsync<JsonElement>($"/api/admin/articles/{withdrawn.Id}");
        var unpublish = JsonSerializer.Deserialize<Dictionary<string, object?>>(read.GetProperty("article").GetRawText())!;
        unpublish["status"] = "unpublished";
        var moved = await api.PutAsJsonAsync("/api/admin/articles/" + withdrawn.Id, unpublish);
        Assert.True(moved.IsSuccessStatusCode, await moved.Content.ReadAsStringAsync());

        Assert.Equal([shown.Slug], await _partner.SlugsAsync("/api/content/articles?channel=tersembunyi&limit=1"));
        foreach (var hidden in new[] { draft, scheduled, withdrawn })
            Assert.Equal($"No published story '{hidden.Slug}'.", (await _partner.JsonAsync("/api/content/articles/" + hidden.Slug, 404)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task An_unchanged_answer_is_304_for_the_etag_the_caller_holds_and_a_change_makes_a_new_one()
    {
        await StoryAsync("Etag pertama", "etag");
        var first = await _partner.GetAsync("/api/content/articles?channel=etag");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("public, max-age=60", first.Headers.CacheControl?.ToString());
        var etag = first.Headers.ETag!;
        Assert.False(etag.IsWeak);

        var again = new HttpRequestMessage(HttpMethod.Get, "/api/content/articles?channel=etag");
        again.Headers.IfNoneMatch.Add(etag);
        var notModified = await _partner.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, notModified.Headers.ETag);

        await StoryAsync("Etag kedua", "etag");
        var changed = new HttpRequestMessage(HttpMethod.Get, "/api/content/articles?channel=etag");
        changed.Headers.IfNoneMatch.Add(etag);
        var fresh = await _partner.SendAsync(changed);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.NotEqual(etag, fresh.Headers.ETag);
        Assert.Equal(2, ContentApi.Slugs(JsonDocument.Parse(await fresh.Content.ReadAsStringAsync()).RootElement).Count);
    }

    [Fact]
    public async Task Cors_answers_the_configured_origin_and_no_other_and_handles_the_preflight()
    {
        async Task<HttpResponseMessage> SendAsync(HttpMethod method, string origin)
        {
            var request = new HttpRequestMessage(method, "/api/content/channels");
            request.Headers.Add("Origin", origin);
            if (method == HttpMethod.Options)
            {
                request.Headers.Add("Access-Control-Request-Method", "GET");
                request.Headers.Add("Access-Control-Request-Headers", "if-none-match");
            }
            return await _partner.SendAsync(request);
        }

        var allowed = await SendAsync(HttpMethod.Get, ContentApiApp.PartnerOrigin);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal([ContentApiApp.PartnerOrigin], allowed.Headers.GetValues("Access-Control-Allow-Origin"));
        Assert.Contains("ETag", allowed.Headers.GetValues("Access-Control-Expose-Headers").Single().Split(','));

        var refused = await SendAsync(HttpMethod.Get, "https://penyusup.example");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));

        var preflight = await SendAsync(HttpMethod.Options, ContentApiApp.PartnerOrigin);
        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Equal([ContentApiApp.PartnerOrigin], preflight.Headers.GetValues("Access-Control-Allow-Origin"));
        Assert.Equal("GET,HEAD", preflight.Headers.GetValues("Access-Control-Allow-Methods").Single());
        Assert.Equal(["authorization", "if-none-match"], preflight.Headers.GetValues("Access-Control-Allow-Headers").Single().ToLowerInvariant().Split(',').Order());

        var refusedPreflight = await SendAsync(HttpMethod.Options, "https://penyusup.example");
        Assert.False(refusedPreflight.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(refusedPreflight.Headers.Contains("Access-Control-Allow-Methods"));
    }

    [Theory]
    [InlineData("fields=title,judul", "fields", "Unknown field: judul. Choose from: id, slug, url, title,")]
    [InlineData("fields=", "fields", "fields names no field")]
    [InlineData("cursor=bukan-kursor", "cursor", "cursor is not one this API gave out")]
    [InlineData("limit=0", "limit", "limit must be a whole number from 1 to 100.")]
    [InlineData("limit=101", "limit", "limit must be a whole number from 1 to 100.")]
    [InlineData("limit=dua", "limit", "limit must be a whole number from 1 to 100.")]
    [InlineData("from=2023-02-30", "from", "from must be a date (2023-05-01) or an ISO 8601 time with its offset")]
    [InlineData("to=2023-05-01T10:00:00", "to", "to must be a date (2023-05-01) or an ISO 8601 time with its offset")]
    [InlineData("from=2023-05-02&to=2023-05-01", "to", "to is before from.")]
    [InlineData("kind=kolom", "kind", "kind must be news or opinion, not 'kolom'.")]
    [InlineData("channel=Bukan%20Slug", "channel", "channel must be a slug")]
    [InlineData("chanel=ekonomi", "chanel", "Unknown parameter 'chanel'.")]
    public async Task Bad_input_gets_a_400_that_names_the_parameter(string query, string parameter, string message)
    {
        var problem = await _partner.BadRequestAsync("/api/content/articles?" + query);
        Assert.Equal("The query has errors.", problem.GetProperty("title").GetString());
        var errors = problem.GetProperty("errors");
        Assert.Equal([parameter], errors.EnumerateObject().Select(e => e.Name));
        Assert.StartsWith(message, errors.GetProperty(parameter)[0].GetString());
    }

    [Fact]
    public async Task An_unknown_slug_is_a_404_problem()
    {
        var response = await _partner.GetAsync("/api/content/articles/tidak-pernah-ada");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("No published story 'tidak-pernah-ada'.", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Channels_tags_and_authors_are_listed_with_their_pages()
    {
        await StoryAsync("Label", "label", change: s => { s["tags"] = new[] { "Label Tag" }; s["reporters"] = new[] { "Penulis Label" }; });
        var channels = await _partner.JsonAsync("/api/content/channels");
        Assert.Contains(channels.EnumerateArray(), c => c.GetProperty("slug").GetString() == "label" && c.GetProperty("url").GetString() == ContentApiApp.BaseUrl + "/kanal/label");
        var tags = (await _partner.JsonAsync("/api/content/tags?limit=100")).GetProperty("items");
        Assert.Contains(tags.EnumerateArray(), t => t.GetProperty("slug").GetString() == "label-tag" && t.GetProperty("name").GetString() == "Label Tag" && t.GetProperty("url").GetString() == ContentApiApp.BaseUrl + "/tag/label-tag");
        var authors = (await _partner.JsonAsync("/api/content/authors?limit=100")).GetProperty("items");
        Assert.Contains(authors.EnumerateArray(), a => a.GetProperty("slug").GetString() == "penulis-label" && a.GetProperty("url").GetString() == ContentApiApp.BaseUrl + "/penulis/penulis-label");
    }

    [Theory]
    [InlineData("/api/content/tags", "tags")]
    [InlineData("/api/content/authors", "reporters")]
    public async Task A_partner_paging_tags_or_authors_while_new_ones_are_added_sees_every_original_once(string list, string field)
    {
        var prefix = field == "tags" ? "zz-tag" : "zz-penulis";
        async Task AddAsync(params string[] names) =>
            await StoryAsync("Label " + string.Join(" ", names), "label-paging", change: s => s[field] = names);
        await AddAsync($"{prefix} b", $"{prefix} d", $"{prefix} f");
        await AddAsync($"{prefix} h", $"{prefix} j");

        var reference = await _partner.SlugsAsync(list + "?limit=100");
        Assert.Equal(reference.Count, reference.Distinct().Count());
        var mine = reference.Where(s => s.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        Assert.Equal([$"{prefix}-b", $"{prefix}-d", $"{prefix}-f", $"{prefix}-h", $"{prefix}-j"], mine);

        // Page up to the second of mine, then one is added before the cursor and one after it.
        var seen = new List<string>();
        string? cursor = null;
        while (!seen.Contains($"{prefix}-d"))
        {
            var page = await _partner.JsonAsync(list + "?limit=2" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            seen.AddRange(ContentApi.Slugs(page));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        await AddAsync($"{prefix} a", $"{prefix} g");
        seen.AddRange(await _partner.SlugsAsync(list + "?limit=2", cursor));

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(reference, seen.Where(reference.Contains));
        Assert.Equal([$"{prefix}-g"], seen.Except(reference));
    }

    [Theory]
    [InlineData("/api/content/tags?limit=0", "limit")]
    [InlineData("/api/content/authors?cursor=bukan-kursor", "cursor")]
    [InlineData("/api/content/tags?halaman=2", "halaman")]
    public async Task A_bad_label_page_query_is_a_400_naming_the_parameter(string url, string field)
    {
        var problem = await (await _partner.GetAsync(url)).ProblemAsync();
        Assert.Equal([field], problem.ErrorFields());
    }

    [Fact]
    public async Task Instruments_come_with_their_latest_quote_in_wib_and_a_link_to_their_page()
    {
        var markets = await app.TickerInstrumentsAsync();
        await markets.PostQuoteAsync("LQ45", 905.00m, new DateTimeOffset(2023, 5, 5, 2, 0, 0, TimeSpan.Zero), previousClose: 901.40m);
        await markets.PostQuoteAsync("LQ45", 909.31m, new DateTimeOffset(2023, 5, 5, 3, 0, 0, TimeSpan.Zero), previousClose: 901.40m);
        var raw = await (await _partner.GetAsync("/api/content/instruments")).Content.ReadAsStringAsync();
        Assert.Contains("\"at\":\"2023-05-05T10:00:00+07:00\"", raw);
        var instruments = JsonDocument.Parse(raw).RootElement.EnumerateArray().ToList();
        Assert.Equal(["LQ45", "EMAS"], instruments.Select(i => i.GetProperty("symbol").GetString()));
        var lq45 = instruments[0];
        Assert.Equal(("index", "poin", 2, ContentApiApp.BaseUrl + "/indikator/lq45"),
            (lq45.GetProperty("kind").GetString(), lq45.GetProperty("unit").GetString(), lq45.GetProperty("decimals").GetInt32(), lq45.GetProperty("url").GetString()));
        var latest = lq45.GetProperty("latest");
        Assert.Equal((909.31m, 901.40m, 7.91m, 0.88m),
            (latest.GetProperty("value").GetDecimal(), latest.GetProperty("previousClose").GetDecimal(), latest.GetProperty("change").GetDecimal(), latest.GetProperty("percent").GetDecimal()));
        Assert.Equal(JsonValueKind.Null, instruments[1].GetProperty("latest").ValueKind);
        Assert.Equal(HttpStatusCode.OK, (await _partner.GetAsync(new Uri(lq45.GetProperty("url").GetString()!).PathAndQuery)).StatusCode);
    }
}
