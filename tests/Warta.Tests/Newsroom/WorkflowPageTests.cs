using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Warta.Tests.Infrastructure;
using Warta.Web.Data;
using Warta.Web.Newsroom;

namespace Warta.Tests.Newsroom;

/// <summary>The workflow through the editor's pages: every transition, and every path a writer must not take.</summary>
public class WorkflowPageTests(WartaFactory app) : IClassFixture<WartaFactory>, IAsyncLifetime
{
    StaffClient _writer = null!;
    StaffClient _otherWriter = null!;
    StaffClient _editor = null!;

    public async Task InitializeAsync()
    {
        var api = await app.ApiClientAsync();
        await api.EnsureChannelAsync("ekonomi", "Ekonomi", 1);
        _writer = await app.StaffAsync(StaffRoles.Writer, "Dewi Penulis");
        _otherWriter = await app.StaffAsync(StaffRoles.Writer, "Budi Penulis");
        _editor = await app.StaffAsync(StaffRoles.Editor, "Agus Editor");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_writer_drafts_and_submits_an_editor_returns_it_with_a_note_and_then_publishes_it()
    {
        var id = await _writer.DraftAsync("Rupiah Menguat Tipis di Pasar Spot");
        var draft = await app.ArticleAsync(id);
        Assert.Equal(ArticleStatus.Draft, draft.Status);
        Assert.Equal(_writer.UserId, draft.OwnerId);

        var (status, _) = await _writer.ActAsync(id, "kirim");
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal(ArticleStatus.Submitted, (await app.ArticleAsync(id)).Status);

        var review = await _editor.Http.GetPageAsync("/redaksi?tampilan=tinjauan");
        Assert.Contains(review.QuerySelectorAll("table.desk a"), a => a.TextContent == "Rupiah Menguat Tipis di Pasar Spot");

        // Returning needs a note for the writer.
        var (noNote, page) = await _editor.ActAsync(id, "kembalikan", f => f["Form.Note"] = "");
        Assert.Equal(HttpStatusCode.OK, noNote);
        Assert.Contains("catatan untuk penulis", page.QuerySelector(".alert")!.TextContent);
        Assert.Equal(ArticleStatus.Submitted, (await app.ArticleAsync(id)).Status);

        (status, _) = await _editor.ActAsync(id, "kembalikan", f => f["Form.Note"] = "Tambahkan kutipan dari Bank Indonesia.");
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal(ArticleStatus.Returned, (await app.ArticleAsync(id)).Status);
        var writerView = await _writer.Http.GetPageAsync($"/redaksi/sunting/{id}");
        Assert.Contains("Tambahkan kutipan dari Bank Indonesia.", writerView.Text(".return-note"));

        (status, _) = await _writer.ActAsync(id, "kirim", f => f["Form.Body"] += "<p>\"Rupiah stabil,\" kata Bank Indonesia.</p>");
        Assert.Equal(HttpStatusCode.Redirect, status);
        var resubmitted = await app.ArticleAsync(id);
        Assert.Equal(ArticleStatus.Submitted, resubmitted.Status);
        Assert.Null(resubmitted.ReturnNote);

        (status, _) = await _editor.ActAsync(id, "terbitkan");
        Assert.Equal(HttpStatusCode.Redirect, status);
        var published = await app.ArticleAsync(id);
        Assert.Equal(ArticleStatus.Published, published.Status);
        Assert.Equal(_writer.UserId, published.OwnerId);
        var reader = await app.ReaderClient().GetPageAsync("/berita/" + published.Slug);
        Assert.Contains("kata Bank Indonesia", reader.Text("article.story .body"));

        // Taking a story down needs a reason, kept with the revision and in the audit log.
        (status, page) = await _editor.ActAsync(id, "tarik");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("alasan penarikan", page.QuerySelector(".alert")!.TextContent);
        Assert.Equal(ArticleStatus.Published, (await app.ArticleAsync(id)).Status);
        (status, _) = await _editor.ActAsync(id, "tarik", f => f["Form.Reason"] = "Angka inflasi keliru; menunggu konfirmasi BPS.");
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal(ArticleStatus.Unpublished, (await app.ArticleAsync(id)).Status);
        await app.ReaderClient().GetPageAsync("/berita/" + published.Slug, 404);

        var revisions = await app.InDbAsync(db => db.ArticleRevisions.Where(r => r.ArticleId == id).OrderBy(r => r.Id).ToListAsync());
        Assert.Equal([ArticleStatus.Draft, ArticleStatus.Submitted, ArticleStatus.Returned, ArticleStatus.Submitted, ArticleStatus.Published, ArticleStatus.Unpublished],
            revisions.Select(r => r.Status));
        Assert.Equal([1, 2, 3, 4, 5, 6], revisions.Select(r => r.Version));
        var audit = await app.InDbAsync(db => db.AuditEntries.Where(e => e.Subject!.Contains(id.ToString())).OrderBy(e => e.Id).Select(e => new { e.Action, e.ActorId }).ToListAsync());
        Assert.Equal(["article.return", "article.publish", "article.unpublish"], audit.Select(e => e.Action));
        Assert.All(audit, e => Assert.Equal(_editor.UserId, e.ActorId));
        Assert.Equal("Agus Editor", await app.InDbAsync(db => db.Users.Where(u => u.Id == _editor.UserId).Select(u => u.DisplayName).SingleAsync()));
    }

    [Fact]
    public async Task An_editor_schedules_only_in_the_future_and_cannot_reschedule_a_published_story()
    {
        var id = await _writer.DraftAsync("Jadwal Rilis Data Inflasi", action: "kirim");
        var past = StaffPage.LocalInput(app.Clock.GetUtcNow().AddHours(-1));
        var (status, page) = await _editor.ActAsync(id, "jadwalkan", f => f["Form.PublishAt"] = past);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("masa depan", page.Text(".alert"));

        var later = app.Clock.GetUtcNow().AddHours(2);
        (status, _) = await _editor.ActAsync(id, "jadwalkan", f => f["Form.PublishAt"] = StaffPage.LocalInput(later));
        Assert.Equal(HttpStatusCode.Redirect, status);
        var scheduled = await app.ArticleAsync(id);
        Assert.Equal(ArticleStatus.Scheduled, scheduled.Status);
        Assert.Equal(later.ToUnixTimeSeconds() / 60, scheduled.PublishedAt!.Value.ToUnixTimeSeconds() / 60);
        var desk = await _editor.Http.GetPageAsync("/redaksi?tampilan=terjadwal");
        Assert.Contains(desk.QuerySelectorAll("table.desk a"), a => a.TextContent == "Jadwal Rilis Data Inflasi");

        (status, _) = await _editor.ActAsync(id, "terbitkan");
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal(ArticleStatus.Published, (await app.ArticleAsync(id)).Status);
        var today = await _editor.Http.GetPageAsync("/redaksi?tampilan=hari-ini");
        Assert.Contains(today.QuerySelectorAll("table.desk a"), a => a.TextContent == "Jadwal Rilis Data Inflasi");

        (status, page) = await _editor.ActAsync(id, "jadwalkan", f => f["Form.PublishAt"] = StaffPage.LocalInput(later.AddDays(1)));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("harus ditarik dulu", page.Text(".alert"));
        Assert.Equal(ArticleStatus.Published, (await app.ArticleAsync(id)).Status);
    }

    [Theory]
    [InlineData("terbitkan")]
    [InlineData("jadwalkan")]
    [InlineData("kembalikan")]
    [InlineData("tarik")]
    public async Task A_writer_can_never_publish_schedule_return_or_unpublish(string action)
    {
        var id = await _writer.DraftAsync("Naskah Penulis " + action);
        var (status, _) = await _writer.ActAsync(id, action, f =>
        {
            f["Form.PublishAt"] = StaffPage.LocalInput(app.Clock.GetUtcNow().AddHours(3));
            f["Form.Note"] = "catatan";
        });
        Assert.Equal(HttpStatusCode.Forbidden, status);
        var article = await app.ArticleAsync(id);
        Assert.Equal(ArticleStatus.Draft, article.Status);
        Assert.Equal(1, article.Version);
    }

    [Fact]
    public async Task A_writer_cannot_change_a_story_once_submitted()
    {
        var id = await _writer.DraftAsync("Naskah Sudah Dikirim", action: "kirim");
        var editorPage = await _writer.Http.GetPageAsync($"/redaksi/sunting/{id}");
        Assert.NotNull(editorPage.QuerySelector("form#editor fieldset[disabled]"));
        var fields = StaffClient.Story("Judul Diganti Penulis", version: 1);
        fields["action"] = "simpan";
        var (status, _, _) = await _writer.PostFormAsync($"/redaksi/sunting/{id}", fields);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        var autosave = await _writer.PostFormAsync($"/redaksi/sunting/{id}?handler=Autosave", fields);
        Assert.Equal(HttpStatusCode.Forbidden, autosave.Status);
        Assert.Equal("Naskah Sudah Dikirim", (await app.ArticleAsync(id)).Title);
    }

    [Fact]
    public async Task A_writer_can_never_read_or_touch_another_writers_draft_by_any_route()
    {
        var id = await _otherWriter.DraftAsync("Draf Rahasia Budi");
        var before = await app.ArticleAsync(id);

        Assert.Equal(HttpStatusCode.NotFound, (await _writer.Http.GetAsync($"/redaksi/sunting/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _writer.Http.GetAsync($"/redaksi/sunting/{id}/revisi")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _writer.Http.GetAsync($"/redaksi/pratinjau/{id}")).StatusCode);
        var revisionId = await app.InDbAsync(db => db.ArticleRevisions.Where(r => r.ArticleId == id).Select(r => r.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await _writer.Http.GetAsync($"/redaksi/sunting/{id}?revisi={revisionId}")).StatusCode);

        var fields = StaffClient.Story("Dibajak", version: before.Version);
        fields["action"] = "simpan";
        Assert.Equal(HttpStatusCode.NotFound, (await _writer.PostFormAsync($"/redaksi/sunting/{id}", fields)).Status);
        fields["action"] = "kirim";
        Assert.Equal(HttpStatusCode.NotFound, (await _writer.PostFormAsync($"/redaksi/sunting/{id}", fields)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _writer.PostFormAsync($"/redaksi/sunting/{id}?handler=Autosave", fields)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _writer.PostFormAsync($"/redaksi/sunting/{id}?handler=PreviewLink", new Dictionary<string, string?> { ["hours"] = "24" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _writer.PostFormAsync($"/redaksi/sunting/{id}/revisi?handler=Restore",
            new Dictionary<string, string?> { ["revision"] = revisionId.ToString(), ["version"] = "1" })).Status);

        foreach (var view in new[] { "draf", "tinjauan", "terjadwal", "hari-ini" })
        {
            var desk = await _writer.Http.GetPageAsync("/redaksi?tampilan=" + view);
            Assert.DoesNotContain("Draf Rahasia Budi", desk.Body!.TextContent);
        }
        // The staff cookie opens none of the API: that takes a key.
        var api = await _writer.Http.PutAsJsonAsync($"/api/admin/articles/{id}", NewsroomApi.Story("Lewat API"));
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _writer.Http.GetAsync($"/api/admin/articles/{id}")).StatusCode);

        var after = await app.ArticleAsync(id);
        Assert.Equal(("Draf Rahasia Budi", before.Version, _otherWriter.UserId), (after.Title, after.Version, after.OwnerId));
        Assert.False(await app.InDbAsync(db => db.ArticleAutosaves.AnyAsync(s => s.Key == id)));
        Assert.False(await app.InDbAsync(db => db.PreviewLinks.AnyAsync(l => l.ArticleId == id)));
    }

    [Fact]
    public async Task The_owner_stays_the_writer_whoever_edits_and_a_story_created_under_a_taken_id_is_not_hijacked()
    {
        var id = await _writer.DraftAsync("Pemilik Tetap Penulis", action: "kirim");
        var (status, _) = await _editor.ActAsync(id, "simpan", f => f["Form.Title"] = "Pemilik Tetap Penulis, Disunting Editor");
        Assert.Equal(HttpStatusCode.Redirect, status);
        var article = await app.ArticleAsync(id);
        Assert.Equal(_writer.UserId, article.OwnerId);
        Assert.Equal(ArticleStatus.Submitted, article.Status);

        // A writer posting a "new" story under someone else's id edits nothing: the id is taken and not theirs.
        var other = await _otherWriter.DraftAsync("Milik Budi");
        var fields = StaffClient.Story("Bukan Milikmu");
        fields["action"] = "simpan";
        Assert.Equal(HttpStatusCode.NotFound, (await _writer.PostFormAsync($"/redaksi/sunting/{other}", fields)).Status);
        Assert.Equal("Milik Budi", (await app.ArticleAsync(other)).Title);
    }

    [Fact]
    public async Task Signed_out_visitors_and_accounts_without_a_role_get_no_newsroom_page()
    {
        var anonymous = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        foreach (var path in new[] { "/redaksi", "/redaksi/sunting", "/redaksi/media" })
        {
            var response = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/redaksi/masuk", response.Headers.Location!.PathAndQuery);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/redaksi/api/media")).StatusCode);
    }
}
