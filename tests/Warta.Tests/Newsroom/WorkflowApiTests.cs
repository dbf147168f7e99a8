using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Warta.Tests.Infrastructure;
using Warta.Web.Newsroom;

namespace Warta.Tests.Newsroom;

/// <summary>The workflow through the JSON API: a newsroom key acts with an editor's rights and obeys the same rules.</summary>
public class WorkflowApiTests(WartaFactory app) : IClassFixture<WartaFactory>, IAsyncLifetime
{
    HttpClient _api = null!;

    public async Task InitializeAsync()
    {
        _api = await app.ApiClientAsync();
        await _api.EnsureChannelAsync("ekonomi", "Ekonomi", 1);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    async Task<HttpResponseMessage> MoveAsync(Guid id, string status, Action<Dictionary<string, object?>>? change = null)
    {
        var read = await _api.GetFromJsonAsync<JsonElement>($"/api/admin/articles/{id}");
        var story = JsonSerializer.Deserialize<Dictionary<string, object?>>(read.GetProperty("article").GetRawText())!;
        story["status"] = status;
        change?.Invoke(story);
        return await _api.PutAsJsonAsync($"/api/admin/articles/{id}", story);
    }

    [Fact]
    public async Task Unpublished_work_leaves_the_readers_page_cache_alone_and_publishing_empties_it()
    {
        var reader = app.ReaderClient();
        await reader.GetPageAsync("/");
        Assert.NotNull((await reader.GetAsync("/")).Headers.Age);
        var saved = await _api.PublishAsync(NewsroomApi.Story("Draf yang Belum Dibaca Siapa Pun", status: "draft"));
        Assert.Equal("submitted", (await (await MoveAsync(saved.Id, "submitted")).ReadAsync<Saved>(200)).Status);
        Assert.True((await reader.GetAsync("/")).Headers.Age is not null, "a story readers cannot see must not evict the reader pages");

        Assert.Equal("published", (await (await MoveAsync(saved.Id, "published")).ReadAsync<Saved>(200)).Status);
        Assert.True((await reader.GetAsync("/")).Headers.Age is null, "publishing a story must evict the reader pages that list it");
    }

    [Fact]
    public async Task Every_transition_by_api_and_what_each_records()
    {
        var saved = await _api.PublishAsync(NewsroomApi.Story("Draf dari Sistem Impor", status: "draft"));
        var stored = await app.ArticleAsync(saved.Id);
        Assert.Null(stored.OwnerId);

        Assert.Equal("submitted", (await (await MoveAsync(saved.Id, "submitted")).ReadAsync<Saved>(200)).Status);
        var problem = await (await MoveAsync(saved.Id, "returned")).ProblemAsync();
        Assert.Contains("note", problem.ErrorFields());
        Assert.Equal("returned", (await (await MoveAsync(saved.Id, "returned", s => s["note"] = "Lengkapi data.")).ReadAsync<Saved>(200)).Status);
        Assert.Equal("Lengkapi data.", (await app.ArticleAsync(saved.Id)).ReturnNote);
        problem = await (await MoveAsync(saved.Id, "scheduled", s => s["publishedAt"] = app.Clock.GetUtcNow().AddMinutes(-5).ToString("O"))).ProblemAsync();
        Assert.Contains("publishedAt", problem.ErrorFields());
        Assert.Equal("scheduled", (await (await MoveAsync(saved.Id, "scheduled", s => s["publishedAt"] = app.Clock.GetUtcNow().AddHours(1).ToString("O"))).ReadAsync<Saved>(200)).Status);
        Assert.Equal("published", (await (await MoveAsync(saved.Id, "published", s => s["publishedAt"] = null)).ReadAsync<Saved>(200)).Status);
        Assert.True((await app.ArticleAsync(saved.Id)).PublishedAt <= app.Clock.GetUtcNow(), "publishing a scheduled story now publishes it now");

        foreach (var refused in new[] { "draft", "submitted", "returned", "scheduled" })
        {
            problem = await (await MoveAsync(saved.Id, refused, s => { s["note"] = "x"; s["publishedAt"] = app.Clock.GetUtcNow().AddHours(2).ToString("O"); })).ProblemAsync();
            Assert.Contains("status", problem.ErrorFields());
        }
        Assert.Equal("unpublished", (await (await _api.DeleteAsync($"/api/admin/articles/{saved.Id}?version=5")).ReadAsync<Saved>(200)).Status);
        Assert.Equal("draft", (await (await MoveAsync(saved.Id, "draft")).ReadAsync<Saved>(200)).Status);

        var draft = await _api.PublishAsync(NewsroomApi.Story("Draf Tak Pernah Terbit", status: "draft"));
        problem = await (await _api.DeleteAsync($"/api/admin/articles/{draft.Id}")).ProblemAsync();
        Assert.Contains("status", problem.ErrorFields());

        var revisions = await _api.GetFromJsonAsync<JsonElement>($"/api/admin/articles/{saved.Id}/revisions");
        Assert.Equal(["draft", "submitted", "returned", "scheduled", "published", "unpublished", "draft"],
            revisions.EnumerateArray().Select(r => r.GetProperty("status").GetString()));
        Assert.All(revisions.EnumerateArray(), r => Assert.Equal("API: test newsroom", r.GetProperty("authorName").GetString()));
        var audit = await app.InDbAsync(db => db.AuditEntries.Where(e => e.Subject!.Contains(saved.Id.ToString())).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        Assert.Equal(["article.return", "article.schedule", "article.publish", "article.unpublish"], audit);
    }

    [Fact]
    public async Task A_stale_unpublish_is_refused_and_changes_nothing()
    {
        var saved = await _api.PublishAsync(NewsroomApi.Story("Berita Terbit Versi Satu"));
        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(saved.Id, "published", s => s["title"] = "Berita Terbit Versi Dua")).StatusCode);
        var problem = await (await _api.DeleteAsync($"/api/admin/articles/{saved.Id}?version=1")).ProblemAsync(409);
        Assert.Equal(2, problem.GetProperty("currentVersion").GetInt32());
        Assert.Equal(ArticleStatus.Published, (await app.ArticleAsync(saved.Id)).Status);
    }
}
