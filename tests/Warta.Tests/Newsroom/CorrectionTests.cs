using System.Net;
using Microsoft.EntityFrameworkCore;
using Warta.Tests.Infrastructure;
using Warta.Web.Data;
using Warta.Web.Newsroom;
using Warta.Web.Shared;

namespace Warta.Tests.Newsroom;

/// <summary>Correcting and pulling an old story: a dated Ralat readers see, a reason for taking it down, both revisions and audited.</summary>
public class CorrectionTests(WartaFactory app) : IClassFixture<WartaFactory>, IAsyncLifetime
{
    HttpClient _api = null!;
    StaffClient _editor = null!;
    StaffClient _writer = null!;

    public async Task InitializeAsync()
    {
        _api = await app.ApiClientAsync();
        await _api.EnsureChannelAsync("ekonomi", "Ekonomi", 1);
        _editor = await app.StaffAsync(StaffRoles.Editor, "Rina Editor");
        _writer = await app.StaffAsync(StaffRoles.Writer, "Dewi Penulis");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    async Task<Saved> PublishOldAsync(string title)
    {
        var story = NewsroomApi.Story(title);
        story["publishedAt"] = app.Clock.GetUtcNow().AddDays(-40).ToString("O");
        return await _api.PublishAsync(story);
    }

    [Fact]
    public async Task An_editor_adds_a_dated_ralat_that_readers_see_under_the_story_as_a_revision_and_in_the_audit_log()
    {
        var story = await PublishOldAsync("Laba Bank Daerah Naik 12 Persen");
        var before = await app.ArticleAsync(story.Id);

        // A correction needs its text; nothing changes without it.
        var (status, page) = await _editor.ActAsync(story.Id, "ralat", f => f["Form.Correction"] = " ");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Tulis ralat", page.Text(".alert"));
        Assert.Equal(before.Version, (await app.ArticleAsync(story.Id)).Version);

        app.Clock.Advance(TimeSpan.FromMinutes(7));
        var at = app.Clock.GetUtcNow();
        const string note = "Sebelumnya tertulis laba naik 12 persen; yang benar 21 persen.";
        (status, _) = await _editor.ActAsync(story.Id, "ralat", f =>
        {
            f["Form.Correction"] = note;
            f["Form.Title"] = "Laba Bank Daerah Naik 21 Persen";
        });
        Assert.Equal(HttpStatusCode.Redirect, status);

        var after = await app.ArticleAsync(story.Id);
        Assert.Equal(ArticleStatus.Published, after.Status);
        Assert.Equal(before.PublishedAt, after.PublishedAt);
        Assert.Equal(at, after.UpdatedAt);
        var reader = await app.ReaderClient().GetPageAsync(story.Url);
        Assert.Equal("Laba Bank Daerah Naik 21 Persen", reader.Text("article.story h1"));
        Assert.Equal($"Ralat {Indonesian.DateTime(at)}: {note}", string.Join(' ', reader.Text("aside.corrections").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));

        var revision = await app.InDbAsync(db => db.ArticleRevisions.Where(r => r.ArticleId == story.Id).OrderByDescending(r => r.Id).FirstAsync());
        Assert.Equal("Ralat: " + note, revision.Note);
        Assert.Equal(note, revision.Input().Correction);
        Assert.Equal("Rina Editor", revision.AuthorName);
        var audit = await app.InDbAsync(db => db.AuditEntries.Where(e => e.Subject!.Contains(story.Id.ToString())).OrderByDescending(e => e.Id).FirstAsync());
        Assert.Equal(("article.correct", note, _editor.UserId), (audit.Action, audit.Detail, audit.ActorId));

        // The editor lists the corrections made so far.
        Assert.Contains(note, (await _editor.Http.GetPageAsync($"/redaksi/sunting/{story.Id}")).Text("#ralat"));
    }

    [Fact]
    public async Task A_correction_is_only_for_a_published_story_and_never_from_a_writer()
    {
        var draft = await _api.PublishAsync(NewsroomApi.Story("Draf Tanpa Ralat", status: "draft"));
        var input = NewsroomApi.Story("Draf Tanpa Ralat", status: "draft");
        input["correction"] = "Ralat untuk draf";
        var problem = await (await _api.PutAsync($"/api/admin/articles/{draft.Id}", System.Net.Http.Json.JsonContent.Create(input))).ProblemAsync(400);
        Assert.Equal(["correction"], problem.ErrorFields());
        Assert.Equal(0, await app.InDbAsync(db => db.ArticleCorrections.CountAsync(c => c.ArticleId == draft.Id)));

        var story = await PublishOldAsync("Berita Terbit untuk Penulis");
        var (status, _, _) = await _writer.PostFormAsync($"/redaksi/sunting/{story.Id}",
            new Dictionary<string, string?>(StaffClient.Story("Berita Terbit untuk Penulis")) { ["action"] = "ralat", ["Form.Correction"] = "Ralat penulis" });
        Assert.Equal(HttpStatusCode.NotFound, status); // a writer cannot even open another's story
        Assert.Equal(0, await app.InDbAsync(db => db.ArticleCorrections.CountAsync(c => c.ArticleId == story.Id)));
    }

    [Fact]
    public async Task Unpublishing_needs_a_reason_kept_in_the_revision_and_the_audit_log_and_readers_no_longer_see_the_story()
    {
        var story = await PublishOldAsync("Emiten Tambang Bagikan Dividen Jumbo");
        var (status, page) = await _editor.ActAsync(story.Id, "tarik");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("alasan penarikan", page.Text(".alert"));
        Assert.Equal(ArticleStatus.Published, (await app.ArticleAsync(story.Id)).Status);
        await app.ReaderClient().GetPageAsync(story.Url);

        const string reason = "Emiten membantah; menunggu keterbukaan informasi di bursa.";
        (status, _) = await _editor.ActAsync(story.Id, "tarik", f => f["Form.Reason"] = reason);
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal(ArticleStatus.Unpublished, (await app.ArticleAsync(story.Id)).Status);
        await app.ReaderClient().GetPageAsync(story.Url, 404);

        var revision = await app.InDbAsync(db => db.ArticleRevisions.Where(r => r.ArticleId == story.Id).OrderByDescending(r => r.Id).FirstAsync());
        Assert.Equal((ArticleStatus.Unpublished, "Ditarik: " + reason), (revision.Status, revision.Note));
        var audit = await app.InDbAsync(db => db.AuditEntries.Where(e => e.Subject!.Contains(story.Id.ToString())).OrderByDescending(e => e.Id).FirstAsync());
        Assert.Equal(("article.unpublish", reason), (audit.Action, audit.Detail));

        // The API takes the reason too.
        var other = await PublishOldAsync("Saham Properti Disuspensi");
        (await _api.DeleteAsync($"/api/admin/articles/{other.Id}?reason=Salah%20emiten")).EnsureSuccessStatusCode();
        var apiAudit = await app.InDbAsync(db => db.AuditEntries.Where(e => e.Subject!.Contains(other.Id.ToString())).OrderByDescending(e => e.Id).FirstAsync());
        Assert.Equal(("article.unpublish", "Salah emiten"), (apiAudit.Action, apiAudit.Detail));
    }

    [Fact]
    public async Task Signed_in_staff_see_an_edit_link_on_the_article_and_anonymous_readers_never_do_also_from_the_cache()
    {
        var story = await PublishOldAsync("Rupiah Dibuka Melemah");
        var anonymous = app.ReaderClient();
        var first = await anonymous.GetAsync(story.Url);
        Assert.Null((await first.DocumentAsync()).QuerySelector(".staff-edit"));

        var staff = await _editor.Http.GetAsync(story.Url);
        var staffPage = await staff.DocumentAsync();
        Assert.Equal($"/redaksi/sunting/{story.Id}", staffPage.QuerySelector(".staff-edit a")!.GetAttribute("href"));
        Assert.Equal("Sunting", staffPage.Text(".staff-edit a"));
        Assert.True(staff.Headers.CacheControl is { Private: true, NoStore: true });

        // The next anonymous reader gets the cached page (it has an Age), still without the link.
        var again = await anonymous.GetAsync(story.Url);
        Assert.NotNull(again.Headers.Age);
        Assert.Null((await again.DocumentAsync()).QuerySelector(".staff-edit"));

        // A writer who may not open the story in the newsroom is not offered the link.
        Assert.Null((await (await _writer.Http.GetAsync(story.Url)).DocumentAsync()).QuerySelector(".staff-edit"));
    }

    [Fact]
    public async Task Anonymous_readers_never_get_a_page_a_staff_member_caused_to_render()
    {
        var story = await PublishOldAsync("IHSG Ditutup Menguat");
        // Staff first: their page must not be stored for the next reader.
        Assert.NotNull((await (await _editor.Http.GetAsync(story.Url)).DocumentAsync()).QuerySelector(".staff-edit"));
        var reader = await app.ReaderClient().GetAsync(story.Url);
        Assert.Null(reader.Headers.Age);
        Assert.Null((await reader.DocumentAsync()).QuerySelector(".staff-edit"));
    }

    [Fact]
    public async Task The_credit_line_keeps_reporter_source_and_editor()
    {
        var agency = NewsroomApi.Story("Harga Minyak Dunia Turun");
        agency["source"] = "Reuters";
        var withReporter = await _api.PublishAsync(agency);
        Assert.Equal("Reporter: Dewi Lestari | Sumber: Reuters | Editor: Agus Salim",
            (await app.ReaderClient().GetPageAsync(withReporter.Url)).Text("p.credits"));

        agency = NewsroomApi.Story("Harga Emas Dunia Naik");
        agency["source"] = "Reuters";
        agency["reporters"] = Array.Empty<string>();
        var wire = await _api.PublishAsync(agency);
        Assert.Equal("Sumber: Reuters | Editor: Agus Salim", (await app.ReaderClient().GetPageAsync(wire.Url)).Text("p.credits"));
    }
}
