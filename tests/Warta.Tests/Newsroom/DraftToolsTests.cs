using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Warta.Tests.Infrastructure;
using Warta.Web.Data;
using Warta.Web.Newsroom;

namespace Warta.Tests.Newsroom;

/// <summary>Preview links, autosave, and the editor's JSON endpoints (photo picker, Baca Juga search).</summary>
public class DraftToolsTests(WartaFactory app) : IClassFixture<WartaFactory>, IAsyncLifetime
{
    StaffClient _writer = null!;

    public async Task InitializeAsync()
    {
        var api = await app.ApiClientAsync();
        await api.EnsureChannelAsync("ekonomi", "Ekonomi", 1);
        _writer = await app.StaffAsync(StaffRoles.Writer, "Sari Penulis");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_preview_link_shows_the_draft_without_sign_in_until_it_expires_or_is_revoked()
    {
        var id = await _writer.DraftAsync("Draf untuk Narasumber");
        var (status, page, _) = await _writer.PostFormAsync($"/redaksi/sunting/{id}?handler=PreviewLink", new Dictionary<string, string?> { ["hours"] = "1" });
        Assert.Equal(HttpStatusCode.OK, status);
        var url = new Uri(page.QuerySelector("a.new-preview-link")!.GetAttribute("href")!, UriKind.Relative).ToString();
        var token = url.Split('/')[^1];
        Assert.True(token.Length >= 40, "the token carries at least 128 random bits");
        Assert.False(await app.InDbAsync(db => db.PreviewLinks.AnyAsync(l => l.TokenHash == token)), "only a hash of the token is stored");

        var stranger = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await stranger.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
        Assert.Contains("noindex", response.Headers.GetValues("X-Robots-Tag").Single());
        var preview = await stranger.GetPageAsync(url);
        Assert.Equal("Draf untuk Narasumber", preview.Text("article.story h1"));
        Assert.Equal("noindex, nofollow", preview.QuerySelector("meta[name=robots]")!.GetAttribute("content"));
        Assert.Null(preview.QuerySelector("link[rel=canonical]"));
        // The reader site still does not show it.
        var slug = (await app.ArticleAsync(id)).Slug;
        await stranger.GetPageAsync("/berita/" + slug, 404);
        await stranger.GetPageAsync("/pratinjau/" + token[..^2] + "xx", 404);

        app.Clock.Advance(TimeSpan.FromMinutes(61));
        await stranger.GetPageAsync(url, 404);

        (_, page, _) = await _writer.PostFormAsync($"/redaksi/sunting/{id}?handler=PreviewLink", new Dictionary<string, string?> { ["hours"] = "1" });
        var second = new Uri(page.QuerySelector("a.new-preview-link")!.GetAttribute("href")!, UriKind.Relative).ToString();
        await stranger.GetPageAsync(second);
        var editor = await _writer.Http.GetPageAsync($"/redaksi/sunting/{id}");
        var linkId = Assert.Single(editor.QuerySelectorAll("#pratinjau input[name=link]")).GetAttribute("value");
        var (revoked, _, _) = await _writer.PostFormAsync($"/redaksi/sunting/{id}?handler=RevokeLink", new Dictionary<string, string?> { ["link"] = linkId });
        Assert.Equal(HttpStatusCode.Redirect, revoked);
        await stranger.GetPageAsync(second, 404);
    }

    [Fact]
    public async Task Autosave_keeps_typing_that_was_never_saved_and_the_editor_offers_it_back()
    {
        var key = Guid.CreateVersion7();
        var fields = StaffClient.Story("Naskah yang Belum Disimpan");
        fields["Form.Body"] = "<p>Kalimat yang diketik sebelum tab ditutup.</p><script>alert(1)</script>";
        var (status, _, response) = await _writer.PostFormAsync($"/redaksi/sunting/{key}?handler=Autosave", fields);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.False(await app.InDbAsync(db => db.Articles.AnyAsync(a => a.Id == key)), "an autosave is not a save");
        Assert.Equal(0, await app.InDbAsync(db => db.ArticleRevisions.CountAsync(r => r.ArticleId == key)));

        // Written again in place: one row per person and story.
        fields["Form.Body"] = "<p>Kalimat yang diketik sebelum tab ditutup, dan satu lagi.</p>";
        await _writer.PostFormAsync($"/redaksi/sunting/{key}?handler=Autosave", fields);
        Assert.Equal(1, await app.InDbAsync(db => db.ArticleAutosaves.CountAsync(s => s.Key == key)));

        var desk = await _writer.Http.GetPageAsync("/redaksi?tampilan=draf");
        Assert.Contains(desk.QuerySelectorAll(".unsaved a"), a => a.TextContent == "Naskah yang Belum Disimpan");
        var offer = await _writer.Http.GetPageAsync($"/redaksi/sunting/{key}");
        Assert.NotNull(offer.QuerySelector(".autosave-offer"));
        var restored = await _writer.Http.GetPageAsync($"/redaksi/sunting/{key}?pulihkan=1");
        var form = StaffClient.FieldsOf(restored);
        Assert.Equal("<p>Kalimat yang diketik sebelum tab ditutup, dan satu lagi.</p>", form["Form.Body"]);

        form["action"] = "simpan";
        Assert.Equal(HttpStatusCode.Redirect, (await _writer.PostFormAsync($"/redaksi/sunting/{key}", form)).Status);
        Assert.Equal(_writer.UserId, (await app.ArticleAsync(key)).OwnerId);
        Assert.False(await app.InDbAsync(db => db.ArticleAutosaves.AnyAsync(s => s.Key == key)), "a real save replaces the autosave");
    }

    [Fact]
    public async Task Autosave_needs_the_antiforgery_token()
    {
        var key = Guid.CreateVersion7();
        var body = new FormUrlEncodedContent(new Dictionary<string, string> { ["Form.Title"] = "Tanpa Token" });
        var response = await _writer.Http.PostAsync($"/redaksi/sunting/{key}?handler=Autosave", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await app.InDbAsync(db => db.ArticleAutosaves.AnyAsync(s => s.Key == key)));
    }

    [Fact]
    public async Task The_picker_uploads_and_finds_photos_by_caption_and_the_baca_juga_search_finds_published_headlines()
    {
        var upload = new MultipartFormDataContent
        {
            { new ByteArrayContent(Warta.Web.Demo.DemoImages.Draw("skyline", 1)) { Headers = { ContentType = new MediaTypeHeaderValue("image/png") } }, "file", "gedung.png" },
            { new StringContent("Gedung perkantoran di kawasan Sudirman"), "caption" },
            { new StringContent("WARTA/Foto"), "credit" },
            { new StringContent("Deretan gedung tinggi"), "alt" },
        };
        var refused = await _writer.Http.PostAsync("/redaksi/api/media", upload);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        var request = new HttpRequestMessage(HttpMethod.Post, "/redaksi/api/media") { Content = upload };
        request.Headers.Add("RequestVerificationToken", _writer.Token);
        var created = await (await _writer.Http.SendAsync(request)).ReadAsync<PickedPhoto>(201);
        Assert.Equal("Deretan gedung tinggi", created.Alt);

        var search = new HttpRequestMessage(HttpMethod.Get, "/redaksi/api/media?q=sudirman");
        search.Headers.Add("RequestVerificationToken", _writer.Token);
        var found = await (await _writer.Http.SendAsync(search)).ReadAsync<List<PickedPhoto>>(200);
        Assert.Equal(created.Id, Assert.Single(found).Id);
        Assert.Equal(("WARTA/Foto", "Deretan gedung tinggi"), (found[0].Credit, found[0].Alt));
        Assert.Equal(HttpStatusCode.BadRequest, (await _writer.Http.GetAsync("/redaksi/api/media?q=sudirman")).StatusCode);

        var library = await _writer.Http.GetPageAsync("/redaksi/media?q=SUDIRMAN");
        Assert.Single(library.QuerySelectorAll(".media-grid figure"));
        var (edited, _, _) = await _writer.PostFormAsync($"/redaksi/media/{created.Id}", new Dictionary<string, string?>
        {
            ["Caption"] = "Gedung di Sudirman, Jakarta", ["Credit"] = "WARTA/Foto", ["Alt"] = "Gedung perkantoran tinggi",
        });
        Assert.Equal(HttpStatusCode.Redirect, edited);
        Assert.Equal("Gedung perkantoran tinggi", await app.InDbAsync(db => db.Media.Where(m => m.Id == created.Id).Select(m => m.Alt).SingleAsync()));

        var api = await app.ApiClientAsync();
        var published = await api.PublishAsync(NewsroomApi.Story("Saham Perbankan Memimpin Penguatan"));
        await api.PublishAsync(NewsroomApi.Story("Saham Draf Tidak Muncul", status: "draft"));
        var stories = new HttpRequestMessage(HttpMethod.Get, "/redaksi/api/berita?q=saham");
        stories.Headers.Add("RequestVerificationToken", _writer.Token);
        var hits = await (await _writer.Http.SendAsync(stories)).ReadAsync<List<FoundStory>>(200);
        Assert.Equal(published.Id, Assert.Single(hits).Id);
    }

    sealed record PickedPhoto(Guid Id, string Thumb, string Url, string? Caption, string? Credit, string? Alt, int Width, int Height);

    sealed record FoundStory(Guid Id, string Title, string Url, string PublishedAt);
}
