using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Dom;
using Warta.Tests.Infrastructure;
using Warta.Web.Data;
using Warta.Web.Newsroom;

namespace Warta.Tests.Newsroom;

/// <summary>/redaksi/berita: every story of every status and date, found by its words and filters, paged by keys.</summary>
public class StoryListTests(WartaFactory app) : IClassFixture<WartaFactory>, IAsyncLifetime
{
    HttpClient _api = null!;
    StaffClient _editor = null!;
    StaffClient _writer = null!;

    public async Task InitializeAsync()
    {
        _api = await app.ApiClientAsync();
        await _api.EnsureChannelAsync("ekonomi", "Ekonomi", 1);
        await _api.EnsureChannelAsync("pasar", "Pasar", 2);
        await _api.EnsureChannelAsync("arsip", "Arsip", 3);
        _editor = await app.StaffAsync(StaffRoles.Editor, "Rina Editor");
        _writer = await app.StaffAsync(StaffRoles.Writer, "Dewi Penulis");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    async Task<Saved> PublishAsync(string title, DateTimeOffset at, string channel = "ekonomi", string? body = null)
    {
        var story = NewsroomApi.Story(title, channel);
        story["publishedAt"] = at.ToString("O");
        if (body is not null) story["body"] = body;
        return await _api.PublishAsync(story);
    }

    static List<string> Titles(IHtmlDocument page) => page.QuerySelectorAll("table.stories tbody tr td:first-child a").Select(a => a.TextContent).ToList();

    [Fact]
    public async Task Words_of_the_body_or_headline_status_channel_author_and_date_each_narrow_the_list()
    {
        var now = app.Clock.GetUtcNow();
        var old = await PublishAsync("Ekspor Minyak Sawit Melonjak", now.AddDays(-40),
            body: "<p>Pengapalan ke Pakistan naik tajam karena permintaan biodiesel.</p><p>Harga CPO ikut terdorong.</p>");
        await PublishAsync("Indeks Saham Ditutup Menguat", now.AddDays(-3), channel: "pasar");
        var draft = await _writer.DraftAsync("Draf Penulis Soal Obligasi Ritel");

        var all = await _editor.Http.GetPageAsync("/redaksi/berita");
        // (Stories of the other test, in their own channel, may be listed too.)
        Assert.Equal(["Draf Penulis Soal Obligasi Ritel", "Indeks Saham Ditutup Menguat", "Ekspor Minyak Sawit Melonjak"], Titles(all).Where(t => !t.StartsWith("Arsip")));
        var oldRow = all.QuerySelectorAll("table.stories tbody tr").Single(r => r.TextContent.Contains("Ekspor Minyak Sawit"));
        Assert.Equal($"/redaksi/sunting/{old.Id}", oldRow.QuerySelector("td:first-child a")!.GetAttribute("href"));
        Assert.Equal(old.Url, oldRow.QuerySelector("a.reader-link")!.GetAttribute("href"));
        Assert.Null(all.QuerySelectorAll("table.stories tbody tr").Single(r => r.TextContent.Contains("Draf Penulis")).QuerySelector("a.reader-link")); // a draft has no reader page

        // A word only in the body, in another case, and a word of a headline.
        Assert.Equal(["Ekspor Minyak Sawit Melonjak"], Titles(await _editor.Http.GetPageAsync("/redaksi/berita?q=PAKISTAN")));
        Assert.Equal(["Ekspor Minyak Sawit Melonjak"], Titles(await _editor.Http.GetPageAsync("/redaksi/berita?q=biodiesel+sawit")));
        Assert.Empty(Titles(await _editor.Http.GetPageAsync("/redaksi/berita?q=pakistan+saham")));
        Assert.Equal(["Indeks Saham Ditutup Menguat"], Titles(await _editor.Http.GetPageAsync("/redaksi/berita?q=saham")));
        Assert.Equal(["Draf Penulis Soal Obligasi Ritel"], Titles(await _editor.Http.GetPageAsync("/redaksi/berita?status=draft")));
        Assert.Equal(["Indeks Saham Ditutup Menguat"], Titles(await _editor.Http.GetPageAsync("/redaksi/berita?kanal=pasar")));
        Assert.Equal(["Draf Penulis Soal Obligasi Ritel"], Titles(await _editor.Http.GetPageAsync($"/redaksi/berita?penulis={_writer.UserId}")));
        var fortyDaysAgo = Warta.Web.Shared.Indonesian.ToWib(now.AddDays(-40)).ToString("yyyy-MM-dd");
        Assert.Equal(["Ekspor Minyak Sawit Melonjak"], Titles(await _editor.Http.GetPageAsync($"/redaksi/berita?dari={fortyDaysAgo}&sampai={fortyDaysAgo}")));

        // Bad filters are named, not ignored.
        var bad = await _editor.Http.GetPageAsync("/redaksi/berita?status=hilang&dari=kemarin", 400);
        Assert.Contains("Status tidak dikenal.", bad.Text(".alert"));
        Assert.Contains("YYYY-MM-DD", bad.Text(".alert"));

        // A writer sees only their own stories, whatever the filter asks for.
        Assert.Equal(["Draf Penulis Soal Obligasi Ritel"], Titles(await _writer.Http.GetPageAsync("/redaksi/berita")));
        Assert.Equal(["Draf Penulis Soal Obligasi Ritel"], Titles(await _writer.Http.GetPageAsync($"/redaksi/berita?penulis={_editor.UserId}")));
        Assert.Empty(Titles(await _writer.Http.GetPageAsync("/redaksi/berita?q=pakistan")));
        Assert.Equal(HttpStatusCode.Redirect, (await app.ReaderClient().GetAsync("/redaksi/berita")).StatusCode);

        // The staff menu leads here.
        Assert.NotNull((await _editor.Http.GetPageAsync("/redaksi")).QuerySelector("nav.staff-nav a[href='/redaksi/berita']"));
        _ = draft;
    }

    [Fact]
    public async Task Paging_by_keys_shows_every_story_once_while_new_stories_arrive()
    {
        var now = app.Clock.GetUtcNow();
        var expected = new List<string>();
        // Twenty stories at one and the same minute, so a page boundary falls among equal times.
        var sameMinute = now.AddDays(-100);
        for (var i = 0; i < 20; i++) expected.Add((await PublishAsync($"Arsip Kurs Serentak {i:00}", sameMinute, channel: "arsip")).Id.ToString());
        for (var i = 0; i < 45; i++) expected.Add((await PublishAsync($"Arsip Kurs Harian {i:00}", now.AddDays(-90 + i), channel: "arsip")).Id.ToString());

        var seen = new List<string>();
        var page = await _editor.Http.GetPageAsync("/redaksi/berita?kanal=arsip&q=arsip");
        var first = Ids(page);
        Assert.Equal(StoriesModel.PageSize, first.Count);
        seen.AddRange(first);
        // Newer stories arrive, and one backdated story lands among the pages still to come.
        for (var i = 0; i < 5; i++) await PublishAsync($"Arsip Kurs Terbaru {i}", now.AddMinutes(-i), channel: "arsip");
        var backdated = (await PublishAsync("Arsip Kurs Susulan", now.AddDays(-95), channel: "arsip")).Id.ToString();

        var pages = 1;
        while (page.QuerySelector("a[rel=next]")?.GetAttribute("href") is { } next)
        {
            Assert.Contains("setelah=", next);
            Assert.Contains("kanal=arsip", next);
            page = await _editor.Http.GetPageAsync(next);
            seen.AddRange(Ids(page));
            pages++;
        }
        Assert.Equal(3, pages);
        Assert.Equal(seen.Count, seen.Distinct().Count());                  // nothing twice
        Assert.Equal(expected.Append(backdated).Order(), seen.Order());    // nothing missing; the new ones are on page one of a fresh look

        var fresh = Ids(await _editor.Http.GetPageAsync("/redaksi/berita?kanal=arsip&q=arsip"));
        Assert.Equal(5, fresh.Count(id => !expected.Contains(id) && id != backdated));

        await _editor.Http.GetPageAsync("/redaksi/berita?setelah=bukan-kunci", 400);

        static List<string> Ids(IHtmlDocument page) => page.QuerySelectorAll("table.stories tbody tr td:first-child a")
            .Select(a => a.GetAttribute("href")!["/redaksi/sunting/".Length..]).ToList();
    }
}

/// <summary>The desk a newsroom opens every morning: on the tab that has work, under the configured site name.</summary>
public class DeskTests(WartaFactory app) : IClassFixture<WartaFactory>
{
    [Fact]
    public async Task The_desk_opens_on_the_first_tab_with_work_in_it()
    {
        var api = await app.ApiClientAsync();
        await api.EnsureChannelAsync("ekonomi", "Ekonomi", 1);
        var editor = await app.StaffAsync(StaffRoles.Editor, "Rina Editor");
        var writer = await app.StaffAsync(StaffRoles.Writer, "Dewi Penulis");
        static string Current(IHtmlDocument desk) => desk.QuerySelector(".desk-tabs a[aria-current=page]")!.TextContent;

        var empty = await editor.Http.GetPageAsync("/redaksi");
        Assert.Equal("Menunggu tinjauan", Current(empty)); // nothing anywhere: the editor's usual first tab
        Assert.Equal("Meja redaksi — Redaksi WARTA.CO.ID", empty.Title);

        var scheduled = NewsroomApi.Story("Rilis Neraca Perdagangan", status: "scheduled");
        scheduled["publishedAt"] = app.Clock.GetUtcNow().AddHours(2).ToString("O");
        await api.PublishAsync(scheduled);
        Assert.Equal("Terjadwal", Current(await editor.Http.GetPageAsync("/redaksi")));

        await writer.DraftAsync("Harga Beras Medium Naik", action: "kirim");
        Assert.Equal("Menunggu tinjauan", Current(await editor.Http.GetPageAsync("/redaksi")));
        Assert.Equal("Menunggu tinjauan", Current(await writer.Http.GetPageAsync("/redaksi"))); // no drafts of their own, one in review
        await writer.DraftAsync("Draf Kedua Penulis");
        Assert.Equal("Draf saya", Current(await writer.Http.GetPageAsync("/redaksi")));

        Assert.Equal("WARTA.CO.ID/Nama fotografer", (await editor.Http.GetPageAsync("/redaksi/sunting/" + Guid.CreateVersion7())).QuerySelector("#Form_ImageCredit")!.GetAttribute("placeholder"));
    }
}
