using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Warta.Tests.Infrastructure;
using Warta.Tests.Markets;
using Warta.Web.Newsroom;

namespace Warta.Tests.Shared;

/// <summary>Each feature's writer evicts what it changes: a reader page already in the cache shows the change on the next read.</summary>
public class WritersEvictAtOnceTests(WartaFactory app) : IClassFixture<WartaFactory>
{
    /// <summary>Reads the page twice, so that the next read would come from the cache unless a change evicts it.</summary>
    async Task CachedAsync(HttpClient reader, string url)
    {
        await reader.GetPageAsync(url);
        Assert.NotNull((await reader.GetAsync(url)).Headers.Age);
    }

    [Fact]
    public async Task A_story_published_on_schedule_shows_on_the_cached_home_page_at_once()
    {
        var api = await app.ApiClientAsync();
        await api.EnsureChannelAsync("ekonomi", "Ekonomi");
        var story = NewsroomApi.Story("Bank Sentral Menahan Suku Bunga Sesuai Jadwal", status: "scheduled");
        story["publishedAt"] = app.Clock.GetUtcNow().AddHours(1).ToString("O");
        var saved = await api.PublishAsync(story);
        var reader = app.ReaderClient();
        await CachedAsync(reader, "/");

        app.Clock.Advance(TimeSpan.FromMinutes(61));
        // The background round may already have run on the advanced clock; either way the writer published and evicted.
        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<ArticleWriter>().PublishDueAsync(app.Clock.GetUtcNow());

        var home = await reader.GetPageAsync("/");
        Assert.Contains(home.QuerySelectorAll("#terbaru + ol a"), a => a.GetAttribute("href") == saved.Url);
    }

    [Fact]
    public async Task A_tag_renamed_by_an_admin_shows_on_the_cached_story_page_at_once()
    {
        var api = await app.ApiClientAsync();
        await api.EnsureChannelAsync("ekonomi", "Ekonomi");
        var story = NewsroomApi.Story("Inflasi Melandai di Bulan Mei");
        story["tags"] = new[] { "Harga Pangan" };
        var saved = await api.PublishAsync(story);
        var reader = app.ReaderClient();
        await CachedAsync(reader, saved.Url);

        int id;
        using (var scope = app.Services.CreateScope())
            id = await app.Db(scope).Tags.Where(t => t.Slug == "harga-pangan").Select(t => t.Id).SingleAsync();
        var admin = await app.StaffAsync("admin");
        await (await admin.SubmitAsync("/redaksi/admin/tag", new() { ["id"] = id.ToString(), ["name"] = "Harga Pangan Pokok", ["slug"] = "harga-pangan" }, "/redaksi/admin/tag?handler=Save")).DocumentAsync();

        Assert.Equal(["Harga Pangan Pokok"], (await reader.GetPageAsync(saved.Url)).QuerySelectorAll("nav.tags a").Select(a => a.TextContent));
    }

    [Fact]
    public async Task A_course_edited_by_an_admin_shows_in_the_cached_academy_block_at_once()
    {
        var api = await app.ApiClientAsync();
        var start = new DateTimeOffset(2023, 6, 17, 9, 0, 0, TimeSpan.FromHours(7));
        (await api.PostAsJsonAsync("/api/admin/courses", new { title = "Menyusun Portofolio Obligasi", startsAt = start, endsAt = start.AddHours(3), price = 900000, seats = 25 })).EnsureSuccessStatusCode();
        var reader = app.ReaderClient();
        await CachedAsync(reader, "/");

        Guid id;
        using (var scope = app.Services.CreateScope())
            id = await app.Db(scope).Courses.Where(c => c.Title == "Menyusun Portofolio Obligasi").Select(c => c.Id).SingleAsync();
        var admin = await app.StaffAsync("admin");
        await (await admin.SubmitAsync($"/redaksi/admin/kelas?ubah={id}", new()
        {
            ["form.Id"] = id.ToString(), ["form.Title"] = "Menyusun Portofolio Obligasi", ["form.StartsAt"] = "2023-06-17T09:00", ["form.EndsAt"] = "2023-06-17T12:00",
            ["form.Price"] = "600000", ["form.Seats"] = "25", ["form.Hashtags"] = "", ["form.Summary"] = "",
        }, "/redaksi/admin/kelas?handler=Save")).DocumentAsync();

        var card = (await reader.GetPageAsync("/")).QuerySelectorAll(".academy .course").Single(c => c.TextContent.Contains("Menyusun Portofolio Obligasi"));
        Assert.Equal("Rp 600.000", card.QuerySelector(".price")!.TextContent);
    }

    [Fact]
    public async Task An_instrument_renamed_shows_in_the_cached_ticker_at_once()
    {
        await app.IndexAsync("IDX30");
        var markets = await app.ApiClientAsync(Warta.Web.Accounts.ApiScopes.Markets);
        await markets.PostQuoteAsync("IDX30", 450.25m, new DateTimeOffset(2023, 5, 5, 10, 0, 0, TimeSpan.FromHours(7)));
        var reader = app.ReaderClient();
        await CachedAsync(reader, "/");

        var admin = await app.ApiClientAsync();
        (await admin.PutAsJsonAsync("/api/admin/instruments/IDX30", new { label = "Indeks IDX30", kind = "index", decimals = 2, unit = "poin", order = 9 })).EnsureSuccessStatusCode();

        Assert.Equal("Indeks IDX30", (await reader.GetPageAsync("/")).Text(".tick[data-live-symbol='IDX30'] .tick-name"));
    }

    [Fact]
    public async Task A_holiday_added_by_an_admin_changes_the_cached_ticker_at_once()
    {
        await app.IndexAsync("ISSI");
        var markets = await app.ApiClientAsync(Warta.Web.Accounts.ApiScopes.Markets);
        var wib = TimeSpan.FromHours(7);
        (await markets.PostAsJsonAsync("/api/markets/quotes", new object[]
        {
            new { symbol = "ISSI", value = 200m, at = new DateTimeOffset(2023, 5, 3, 16, 0, 0, wib) },
            new { symbol = "ISSI", value = 210m, at = new DateTimeOffset(2023, 5, 4, 16, 0, 0, wib) },
            new { symbol = "ISSI", value = 220m, at = new DateTimeOffset(2023, 5, 5, 10, 0, 0, wib) },
        })).EnsureSuccessStatusCode();
        var reader = app.ReaderClient();
        await CachedAsync(reader, "/");
        Assert.Equal("10,00", (await reader.GetPageAsync("/")).Text(".tick[data-live-symbol='ISSI'] [data-live=change]"));

        var admin = await app.StaffAsync("admin");
        var added = await admin.SubmitAsync("/redaksi/pasar/libur", new() { ["Day"] = "2023-05-04", ["Name"] = "Libur uji" }, "/redaksi/pasar/libur?handler=Add");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, added.StatusCode);

        // With Thursday a holiday, Friday's 220 compares with Wednesday's 200.
        Assert.Equal("20,00", (await reader.GetPageAsync("/")).Text(".tick[data-live-symbol='ISSI'] [data-live=change]"));
    }
}
