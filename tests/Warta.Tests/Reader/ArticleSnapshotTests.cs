using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Warta.Tests.Discovery;
using Warta.Tests.Infrastructure;
using Warta.Tests.Paywall;
using Warta.Web.Content;

namespace Warta.Tests.Reader;

/// <summary>The output cache off, so every view renders the page, from the story's kept snapshot; anonymous readers get the cut at once.</summary>
public sealed class UncachedArticleFactory() : WartaFactory(null, new Dictionary<string, string?>
{
    ["Warta:Cache:Enabled"] = "false",
    ["Warta:Paywall:MeterAnonymous"] = "0",
});

/// <summary>
/// An article page is rendered from a snapshot of the story kept between views; whatever changes the story, its labels or
/// the stories it links to shows on the very next view, and the snapshot never decides who reads paid text.
/// </summary>
public class ArticleSnapshotTests(UncachedArticleFactory app) : IClassFixture<UncachedArticleFactory>
{
    async Task<HttpClient> ApiAsync()
    {
        var api = await app.ApiClientAsync();
        await api.EnsureChannelAsync("ekonomi", "Ekonomi");
        return api;
    }

    static async Task EditAsync(HttpClient api, Guid id, Action<Dictionary<string, object?>> change)
    {
        var read = await api.GetFromJsonAsync<JsonElement>($"/api/admin/articles/{id}");
        var story = JsonSerializer.Deserialize<Dictionary<string, object?>>(read.GetProperty("article").GetRawText())!;
        change(story);
        var response = await api.PutAsJsonAsync($"/api/admin/articles/{id}", story);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_edit_a_correction_and_a_new_inline_photo_show_on_the_next_uncached_view()
    {
        var api = await ApiAsync();
        var saved = await api.PublishAsync(NewsroomApi.Story("Ekspor Kopi Naik Tajam"));
        var reader = app.ReaderClient();
        var page = await reader.GetPageAsync(saved.Url);
        Assert.Equal("Ekspor Kopi Naik Tajam", page.Text("article.story h1"));
        Assert.Contains("Paragraf 2 dari Ekspor Kopi Naik Tajam.", page.Text(".body"));

        await EditAsync(api, saved.Id, s => s["body"] = "<p>Paragraf pertama yang baru.</p><p>Paragraf kedua yang baru.</p>");
        page = await reader.GetPageAsync(saved.Url);
        Assert.Equal(["WARTA.CO.ID - JAKARTA. Paragraf pertama yang baru.", "Paragraf kedua yang baru."],
            page.QuerySelectorAll(".body > p:not(.baca-juga)").Select(p => p.TextContent));

        await EditAsync(api, saved.Id, s => s["correction"] = "Angka ekspor diperbaiki.");
        page = await reader.GetPageAsync(saved.Url);
        Assert.EndsWith("Angka ekspor diperbaiki.", page.Text("aside.corrections").Trim());

        var photo = await api.UploadPhotoAsync();
        await EditAsync(api, saved.Id, s => s["body"] =
            $"<p>Paragraf pertama yang baru.</p><figure><img src=\"/media/{photo:N}/w1024.jpg\" alt=\"Kebun kopi\"></figure><p>Paragraf kedua yang baru.</p>");
        page = await reader.GetPageAsync(saved.Url);
        var inline = page.QuerySelector(".body figure picture img")!;
        Assert.Equal(("Kebun kopi", "700", "394"), (inline.GetAttribute("alt"), inline.GetAttribute("width"), inline.GetAttribute("height")));
    }

    [Fact]
    public async Task An_unpublished_story_is_gone_on_the_next_view()
    {
        var api = await ApiAsync();
        var saved = await api.PublishAsync(NewsroomApi.Story("Harga Gula Dikoreksi"));
        var reader = app.ReaderClient();
        await reader.GetPageAsync(saved.Url);

        await EditAsync(api, saved.Id, s =>
        {
            s["status"] = "unpublished";
            s["note"] = "Salah data.";
        });
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync(saved.Url)).StatusCode);
    }

    [Fact]
    public async Task A_renamed_channel_and_an_unpublished_baca_juga_pick_show_on_the_next_view()
    {
        var api = await ApiAsync();
        await api.EnsureChannelAsync("niaga", "Niaga");
        var pick = await api.PublishAsync(NewsroomApi.Story("Pilihan Redaksi Soal Beras"));
        var story = NewsroomApi.Story("Stok Beras Aman Jelang Lebaran", channel: "niaga");
        story["related"] = new[] { pick.Id };
        var saved = await api.PublishAsync(story);
        var reader = app.ReaderClient();
        var page = await reader.GetPageAsync(saved.Url);
        Assert.Equal("Niaga", page.Text("article.story .kicker"));
        Assert.Equal(["Pilihan Redaksi Soal Beras"], page.QuerySelectorAll(".baca-juga a").Select(a => a.TextContent));

        await api.EnsureChannelAsync("niaga", "Niaga dan Usaha");
        await EditAsync(api, pick.Id, s =>
        {
            s["status"] = "unpublished";
            s["note"] = "Ditarik.";
        });
        page = await reader.GetPageAsync(saved.Url);
        Assert.Equal("Niaga dan Usaha", page.Text("article.story .kicker"));
        Assert.DoesNotContain("Pilihan Redaksi Soal Beras", page.QuerySelector(".body")!.InnerHtml);
    }

    [Fact]
    public async Task A_premium_cut_never_carries_paid_text_after_a_subscriber_read_the_story_whole()
    {
        var story = await app.StoryAsync("Strategi Dividen Bank Besar", premium: true);
        var (subscriber, _) = await app.SubscriberAsync("pelanggan-snapshot@example.id");
        var whole = await subscriber.HtmlAsync(story.Url);
        Assert.Contains(story.Marker, whole);
        Assert.Contains(ArticleBody.PaidPartClass, whole);

        var cut = await app.Anonymous().HtmlAsync(story.Url);
        Assert.DoesNotContain(story.Marker, cut);
        Assert.DoesNotContain("Paragraf 4 dari", cut);
        Assert.Empty(PaywallKit.Parse(cut).QuerySelectorAll("." + ArticleBody.PaidPartClass));
        Assert.Contains("Paragraf 3 dari Strategi Dividen Bank Besar.", cut);
        Assert.Contains("id=\"paywall\"", cut);

        Assert.Contains(story.Marker, await subscriber.HtmlAsync(story.Url));
    }
}
