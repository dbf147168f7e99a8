using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Warta.Tests.Infrastructure;
using Warta.Web.Data;
using Warta.Web.Newsroom;

namespace Warta.Tests.Newsroom;

/// <summary>Revisions, the word diff, restoring, and the conflict flow by page and by API: no text is ever dropped.</summary>
public class RevisionTests(WartaFactory app) : IClassFixture<WartaFactory>, IAsyncLifetime
{
    HttpClient _api = null!;
    StaffClient _editorA = null!;
    StaffClient _editorB = null!;

    public async Task InitializeAsync()
    {
        _api = await app.ApiClientAsync();
        await _api.EnsureChannelAsync("ekonomi", "Ekonomi", 1);
        _editorA = await app.StaffAsync(StaffRoles.Editor, "Editor Satu");
        _editorB = await app.StaffAsync(StaffRoles.Editor, "Editor Dua");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Two_editors_save_the_same_version_and_the_later_one_sees_both_texts_and_keeps_its_own()
    {
        var id = await _editorA.DraftAsync("Harga Cabai Melonjak");
        var pageA = StaffClient.FieldsOf(await _editorA.Http.GetPageAsync($"/redaksi/sunting/{id}"));
        var pageB = StaffClient.FieldsOf(await _editorB.Http.GetPageAsync($"/redaksi/sunting/{id}"));
        Assert.Equal("1", pageA["Form.Version"]);

        pageA["Form.Body"] = "<p>Versi editor satu tentang cabai rawit.</p>";
        pageA["action"] = "simpan";
        Assert.Equal(HttpStatusCode.Redirect, (await _editorA.PostFormAsync($"/redaksi/sunting/{id}", pageA)).Status);

        pageB["Form.Body"] = "<p>Versi editor dua tentang cabai merah keriting.</p>";
        pageB["action"] = "simpan";
        var (status, conflict, _) = await _editorB.PostFormAsync($"/redaksi/sunting/{id}", pageB);
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("cabai rawit", conflict.Text("#conflict-current"));
        Assert.Contains("cabai merah keriting", conflict.Text("#conflict-mine"));
        var diff = conflict.QuerySelector(".conflict .diff")!;
        Assert.Contains(diff.QuerySelectorAll("del"), d => d.TextContent.Contains("rawit"));
        Assert.Contains(diff.QuerySelectorAll("ins"), i => i.TextContent.Contains("merah keriting"));
        // The form under the conflict view holds B's text, now based on the current version.
        var retry = StaffClient.FieldsOf(conflict);
        Assert.Contains("merah keriting", retry["Form.Body"]);
        Assert.Equal("2", retry["Form.Version"]);

        var stored = await app.ArticleAsync(id);
        Assert.Contains("cabai rawit", stored.Body);
        var refused = await app.InDbAsync(db => db.ArticleRevisions.SingleAsync(r => r.ArticleId == id && r.Kind == RevisionKind.Refused));
        Assert.Contains("merah keriting", refused.Snapshot);
        Assert.Equal(_editorB.UserId, refused.AuthorId);
        Assert.Equal(1, refused.Version);

        retry["action"] = "simpan";
        Assert.Equal(HttpStatusCode.Redirect, (await _editorB.PostFormAsync($"/redaksi/sunting/{id}", retry)).Status);
        Assert.Contains("merah keriting", (await app.ArticleAsync(id)).Body);
        // Both texts remain in the history.
        var history = await _editorA.Http.GetPageAsync($"/redaksi/sunting/{id}/revisi");
        Assert.Equal(4, history.QuerySelectorAll("table.revisions tbody tr").Length);
        Assert.Single(history.QuerySelectorAll("table.revisions tr.refused"));
    }

    [Fact]
    public async Task A_stale_api_save_is_refused_with_409_and_kept_as_a_revision()
    {
        var saved = await _api.PublishAsync(NewsroomApi.Story("Neraca Dagang Surplus"));
        var read = await _api.GetFromJsonAsync<JsonElement>($"/api/admin/articles/{saved.Id}");
        Assert.Equal(1, read.GetProperty("article").GetProperty("version").GetInt32());

        var first = NewsroomApi.Story("Neraca Dagang Surplus Lagi");
        first["version"] = 1;
        var ok = await (await _api.PutAsJsonAsync($"/api/admin/articles/{saved.Id}", first)).ReadAsync<Saved>(200);

        var stale = NewsroomApi.Story("Neraca Dagang: Versi Basi");
        stale["version"] = 1;
        var problem = await (await _api.PutAsJsonAsync($"/api/admin/articles/{saved.Id}", stale)).ProblemAsync(409);
        Assert.Equal(2, problem.GetProperty("currentVersion").GetInt32());
        var refusedId = problem.GetProperty("refusedRevision").GetInt64();

        var revisions = await _api.GetFromJsonAsync<JsonElement>($"/api/admin/articles/{saved.Id}/revisions");
        var refused = revisions.EnumerateArray().Single(r => r.GetProperty("id").GetInt64() == refusedId);
        Assert.Equal("refused", refused.GetProperty("kind").GetString());
        Assert.Equal("Neraca Dagang: Versi Basi", refused.GetProperty("title").GetString());
        Assert.Equal("API: test newsroom", refused.GetProperty("authorName").GetString());
        Assert.Equal("Neraca Dagang Surplus Lagi", (await app.ArticleAsync(saved.Id)).Title);
        Assert.Equal("published", ok.Status);
    }

    [Fact]
    public async Task The_diff_marks_changed_words_and_a_restore_brings_the_old_text_back_as_a_new_revision()
    {
        var id = await _editorA.DraftAsync("Ekspor Batu Bara Turun");
        var (status, _) = await _editorA.ActAsync(id, "simpan", f =>
        {
            f["Form.Title"] = "Ekspor Batu Bara Turun Tajam";
            f["Form.Body"] = "<p>Paragraf pertama diganti total.</p><p>Paragraf kedua yang cukup panjang.</p>";
        });
        Assert.Equal(HttpStatusCode.Redirect, status);
        var ids = await app.InDbAsync(db => db.ArticleRevisions.Where(r => r.ArticleId == id).OrderBy(r => r.Id).Select(r => r.Id).ToListAsync());

        var diff = await _editorA.Http.GetPageAsync($"/redaksi/sunting/{id}/revisi?a={ids[0]}&b={ids[1]}");
        var fields = diff.QuerySelectorAll(".diff-view dt").Select(d => d.TextContent).ToList();
        Assert.Equal(["Judul", "Isi"], fields);
        Assert.Contains(diff.QuerySelectorAll(".diff-view ins"), i => i.TextContent.Contains("Tajam"));
        Assert.Contains(diff.QuerySelectorAll(".diff-view del"), d => d.TextContent.Contains("Ekspor Batu Bara Turun."));
        Assert.Contains("Perbandingan revisi", diff.Text(".diff-view h2"));

        var (restoreStatus, _, _) = await _editorA.PostFormAsync($"/redaksi/sunting/{id}/revisi?handler=Restore",
            new Dictionary<string, string?> { ["revision"] = ids[0].ToString(), ["version"] = "2" });
        Assert.Equal(HttpStatusCode.Redirect, restoreStatus);
        var restored = await app.ArticleAsync(id);
        Assert.Equal("Ekspor Batu Bara Turun", restored.Title);
        Assert.Equal(3, restored.Version);
        var last = await app.InDbAsync(db => db.ArticleRevisions.Where(r => r.ArticleId == id).OrderByDescending(r => r.Id).FirstAsync());
        Assert.Equal(RevisionKind.Restore, last.Kind);
        Assert.Equal($"Dipulihkan dari revisi #{ids[0]}", last.Note);
        Assert.Equal(3, await app.InDbAsync(db => db.ArticleRevisions.CountAsync(r => r.ArticleId == id)));

        // Restoring from a version that is no longer current is a conflict, and changes nothing.
        var (stale, _, _) = await _editorA.PostFormAsync($"/redaksi/sunting/{id}/revisi?handler=Restore",
            new Dictionary<string, string?> { ["revision"] = ids[1].ToString(), ["version"] = "2" });
        Assert.Equal(HttpStatusCode.Conflict, stale);
        Assert.Equal("Ekspor Batu Bara Turun", (await app.ArticleAsync(id)).Title);
    }

    [Fact]
    public void The_word_diff_reads_like_the_text()
    {
        var html = RevisionDiff.Words("Harga emas naik tipis hari ini", "Harga emas turun tajam hari ini");
        Assert.Equal("Harga emas <del>naik tipis</del><ins>turun tajam</ins> hari ini", html);
        Assert.Equal("a &lt;b&gt;", RevisionDiff.Words("a <b>", "a <b>"));
        Assert.Equal("Teks lepas\nParagraf\n— pemisah halaman —\nHalaman dua", RevisionDiff.BodyText("Teks lepas<p>Paragraf</p><hr class=\"page-break\"><p>Halaman dua</p>"));
    }
}
