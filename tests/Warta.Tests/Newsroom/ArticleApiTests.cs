using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Warta.Tests.Infrastructure;
using Warta.Web.Newsroom;

namespace Warta.Tests.Newsroom;

public class ArticleApiTests(WartaFactory app) : IClassFixture<WartaFactory>, IAsyncLifetime
{
    HttpClient _api = null!;

    public async Task InitializeAsync()
    {
        _api = await app.ApiClientAsync();
        await _api.EnsureChannelAsync("ekonomi", "Ekonomi", 1);
        await _api.EnsureChannelAsync("investasi", "Investasi", 2);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_published_story_shows_at_once_on_every_page_it_touches()
    {
        var reader = app.ReaderClient();
        // Warm the cache first, so the test proves eviction rather than a cold render.
        await reader.GetPageAsync("/");
        await reader.GetPageAsync("/kanal/investasi");

        var saved = await _api.PublishAsync(NewsroomApi.Story("Obligasi Ritel Seri Baru Laris Diburu Investor Muda", "investasi"));
        Assert.Equal("published", saved.Status);
        Assert.Equal("/berita/obligasi-ritel-seri-baru-laris-diburu-investor-muda", saved.Url);

        var home = await reader.GetPageAsync("/");
        Assert.Contains(home.QuerySelectorAll("a"), a => a.GetAttribute("href") == saved.Url);
        Assert.Contains(home.QuerySelectorAll("#terbaru ~ ol a"), a => a.TextContent == "Obligasi Ritel Seri Baru Laris Diburu Investor Muda");
        var channel = await reader.GetPageAsync("/kanal/investasi");
        Assert.Contains(channel.QuerySelectorAll(".card .card-title a"), a => a.GetAttribute("href") == saved.Url);
        var tag = await reader.GetPageAsync("/tag/rupiah");
        Assert.Contains(tag.QuerySelectorAll(".card .card-title a"), a => a.GetAttribute("href") == saved.Url);
        var article = await reader.GetPageAsync(saved.Url);
        Assert.Equal("Obligasi Ritel Seri Baru Laris Diburu Investor Muda", article.Text("article.story h1"));
    }

    [Fact]
    public async Task An_edit_replaces_the_cached_page_and_shows_the_update_time()
    {
        var reader = app.ReaderClient();
        var saved = await _api.PublishAsync(NewsroomApi.Story("Ekspor Kopi Naik Tajam"));
        var before = await reader.GetPageAsync(saved.Url);
        Assert.Null(before.QuerySelector(".updated"));
        var second = await reader.GetAsync(saved.Url);
        Assert.True(second.Headers.Age is not null, "the second read should come from the output cache");

        app.Clock.Advance(TimeSpan.FromMinutes(42));
        var edit = NewsroomApi.Story("Ekspor Kopi Naik Tajam, Petani Untung");
        var put = await _api.PutAsJsonAsync($"/api/admin/articles/{saved.Id}", edit);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var after = await reader.GetPageAsync(saved.Url);
        Assert.Equal("Ekspor Kopi Naik Tajam, Petani Untung", after.Text("article.story h1"));
        Assert.Equal("Diperbarui: " + Warta.Web.Shared.Indonesian.DateTime(app.Clock.GetUtcNow()), after.Text(".updated"));
        Assert.NotEqual(after.Text(".dates time"), after.Text(".updated time"));
    }

    [Fact]
    public async Task Unpublishing_takes_the_story_off_the_site_and_keeps_it()
    {
        var reader = app.ReaderClient();
        var saved = await _api.PublishAsync(NewsroomApi.Story("Kredit Perbankan Tumbuh Dua Digit"));
        await reader.GetPageAsync(saved.Url);

        var delete = await _api.DeleteAsync($"/api/admin/articles/{saved.Id}");
        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);

        var gone = await reader.GetPageAsync(saved.Url, 404);
        Assert.Equal("Halaman tidak ditemukan", gone.Text("h1"));
        var home = await reader.GetPageAsync("/");
        Assert.DoesNotContain(home.QuerySelectorAll("a"), a => a.GetAttribute("href") == saved.Url);
        var stored = await _api.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/admin/articles/{saved.Id}");
        Assert.Equal("unpublished", stored.GetProperty("article").GetProperty("status").GetString());
        Assert.Contains("Paragraf 1", stored.GetProperty("article").GetProperty("body").GetString());
    }

    [Fact]
    public async Task A_scheduled_story_appears_when_its_time_comes()
    {
        var reader = app.ReaderClient();
        var story = NewsroomApi.Story("Laporan Inflasi Mei Dirilis Pagi Ini", status: "scheduled");
        story["publishedAt"] = app.Clock.GetUtcNow().AddMinutes(30).ToString("O");
        var saved = await _api.PublishAsync(story);
        Assert.Equal("scheduled", saved.Status);
        await reader.GetPageAsync(saved.Url, 404);

        app.Clock.Advance(TimeSpan.FromMinutes(31));
        // The background publisher may already have fired on the advanced clock; running the same step again must not publish twice.
        using (var scope = app.Services.CreateScope())
        {
            var writer = scope.ServiceProvider.GetRequiredService<ArticleWriter>();
            await writer.PublishDueAsync(app.Clock.GetUtcNow());
            Assert.Equal(0, await writer.PublishDueAsync(app.Clock.GetUtcNow()));
        }

        var page = await reader.GetPageAsync(saved.Url);
        Assert.Equal("Laporan Inflasi Mei Dirilis Pagi Ini", page.Text("h1"));
    }

    [Fact]
    public async Task Unknown_fields_and_wrong_types_are_refused_and_nothing_is_saved()
    {
        int count;
        using (var scope = app.Services.CreateScope()) count = await app.Db(scope).Articles.CountAsync();

        var unknown = NewsroomApi.Story("Salah Ketik Field");
        unknown["headline"] = "typo";
        var problem = await (await _api.PostAsJsonAsync("/api/admin/articles", unknown)).ProblemAsync();
        Assert.Contains("headline", problem.ErrorFields());

        var wrongType = NewsroomApi.Story("Salah Tipe");
        wrongType["premium"] = "ya";
        problem = await (await _api.PostAsJsonAsync("/api/admin/articles", wrongType)).ProblemAsync();
        Assert.Contains("premium", problem.ErrorFields());

        var badEnum = NewsroomApi.Story("Status Aneh", status: "live");
        problem = await (await _api.PostAsJsonAsync("/api/admin/articles", badEnum)).ProblemAsync();
        Assert.Contains("status", problem.ErrorFields());

        var missing = NewsroomApi.Story("");
        missing["channel"] = "tidak-ada";
        problem = await (await _api.PostAsJsonAsync("/api/admin/articles", missing)).ProblemAsync();
        Assert.Contains("title", problem.ErrorFields());
        Assert.Contains("channel", problem.ErrorFields());

        var notJson = await _api.PostAsync("/api/admin/articles", new StringContent("{\"title\": ", Encoding.UTF8, "application/json"));
        await notJson.ProblemAsync();

        using (var scope = app.Services.CreateScope()) Assert.Equal(count, await app.Db(scope).Articles.CountAsync());
    }

    [Fact]
    public async Task Keys_are_required_and_scoped()
    {
        var anonymous = app.CreateClient();
        var response = await anonymous.PostAsJsonAsync("/api/admin/articles", NewsroomApi.Story("Tanpa Kunci"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);

        var wrongKey = app.CreateClient();
        wrongKey.DefaultRequestHeaders.Authorization = new("Bearer", "wk_not-a-real-key-at-all");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrongKey.GetAsync("/api/admin/channels")).StatusCode);

        var markets = await app.ApiClientAsync(ApiScopes.Markets);
        Assert.Equal(HttpStatusCode.Forbidden, (await markets.PostAsJsonAsync("/api/admin/articles", NewsroomApi.Story("Kunci Pasar"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await markets.PutAsJsonAsync("/api/admin/channels/pasar", new { name = "Pasar" })).StatusCode);

        using var scope = app.Services.CreateScope();
        Assert.DoesNotContain(await app.Db(scope).ApiKeys.Select(k => k.Hash).ToListAsync(), h => h.StartsWith("wk_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Staff_html_is_sanitised()
    {
        var story = NewsroomApi.Story("Uji Keamanan Isi");
        story["body"] = "<p onclick=\"alert(1)\">Aman<script>alert(2)</script></p><p><a href=\"javascript:alert(3)\">tautan</a> <a href=\"https://contoh.id\">luar</a></p><iframe src=\"https://x\"></iframe>";
        var saved = await _api.PublishAsync(story);
        var stored = await _api.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/admin/articles/{saved.Id}");
        var body = stored.GetProperty("article").GetProperty("body").GetString()!;
        Assert.DoesNotContain("script", body);
        Assert.DoesNotContain("onclick", body);
        Assert.DoesNotContain("javascript:", body);
        Assert.DoesNotContain("iframe", body);
        Assert.Contains("rel=\"noopener nofollow\"", body);
    }

    [Fact]
    public async Task The_article_round_trips_through_get_and_put()
    {
        var story = NewsroomApi.Story("Harga Emas Perhiasan Naik");
        story["premium"] = true;
        story["source"] = "Antara";
        var saved = await _api.PublishAsync(story);
        var stored = await _api.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/admin/articles/{saved.Id}");
        var article = stored.GetProperty("article");
        Assert.Equal("Harga Emas Perhiasan Naik", article.GetProperty("title").GetString());
        Assert.True(article.GetProperty("premium").GetBoolean());
        Assert.Equal("Antara", article.GetProperty("source").GetString());
        Assert.Equal("JAKARTA", article.GetProperty("dateline").GetString());
        Assert.Equal(["rupiah", "bank indonesia"], article.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));

        Assert.Equal(HttpStatusCode.NotFound, (await _api.GetAsync($"/api/admin/articles/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.PutAsJsonAsync($"/api/admin/articles/{Guid.NewGuid()}", story)).StatusCode);
    }
}
