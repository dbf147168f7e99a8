using System.Net.Http.Headers;
using System.Net.Http.Json;
using static Microsoft.Playwright.Assertions;

namespace Warta.BrowserTests;

/// <summary>A newsroom's everyday fix: an editor finds a story published weeks ago by a word of its body, adds a Ralat, and readers see it.</summary>
[Collection(WartaSiteCollection.Name)]
public sealed class CorrectionTests(WartaSite site)
{
    [Fact]
    public async Task An_editor_finds_a_story_from_40_days_ago_by_a_word_of_its_body_corrects_it_and_the_reader_sees_the_ralat()
    {
        // The story came in weeks ago from the CMS import, as most of an archive does.
        using var api = new HttpClient { BaseAddress = site.BaseUrl };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await site.RunVerbAsync("apikey", "create", "--name", "Impor arsip", "--scope", "newsroom")).TrimEnd().Split('\n')[^1].Trim());
        var published = await api.PostAsJsonAsync("/api/admin/articles", new
        {
            title = "Ekspor Rempah Nasional Tumbuh Dua Digit",
            channel = "ekonomi",
            reporters = new[] { "Sari Wulandari" },
            editor = "Eko Editor",
            body = "<p>Ekspor rempah Indonesia tumbuh 12 persen, dipimpin pala dan lada.</p><p>Permintaan vanili dari Eropa naik tajam sepanjang kuartal ketiga.</p>",
            status = "published",
            publishedAt = DateTimeOffset.UtcNow.AddDays(-40),
        });
        published.EnsureSuccessStatusCode();
        var storyUrl = (await published.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("url").GetString()!;

        var editorAccount = await site.AddStaffAsync("editor", "Eko Editor");
        await using var editorContext = await site.NewStaffContextAsync();
        var editor = await editorContext.NewPageAsync();
        await WartaSite.SignInAsync(editor, editorAccount);
        await editor.GetByRole(AriaRole.Navigation, new() { Name = "Menu redaksi" }).GetByRole(AriaRole.Link, new() { Name = "Semua berita" }).ClickAsync();
        await editor.GetByLabel("Cari kata di judul atau isi").FillAsync("vanili");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Tampilkan" }).ClickAsync();
        var rows = editor.Locator("table.stories tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First.Locator("a.reader-link")).ToHaveAttributeAsync("href", storyUrl);
        await rows.First.GetByRole(AriaRole.Link, new() { Name = "Ekspor Rempah Nasional Tumbuh Dua Digit" }).ClickAsync();
        await editor.WaitForURLAsync("**/redaksi/sunting/*");

        // Deep in the form, saving stays within reach.
        await editor.Locator("#Form_SeoDescription").ScrollIntoViewIfNeededAsync();
        await Expect(editor.GetByRole(AriaRole.Button, new() { Name = "Simpan", Exact = true })).ToBeInViewportAsync();
        await editor.GetByLabel("Catatan ralat untuk pembaca").FillAsync("Sebelumnya tertulis ekspor tumbuh 12 persen; yang benar 21 persen.");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Terbitkan dengan ralat" }).ClickAsync();
        await Expect(editor.Locator(".saved-notice")).ToContainTextAsync("Terbit");

        // On a tablet in portrait too, writing the body far from the sidebar.
        await using var tabletContext = await site.NewStaffContextAsync(tablet: true);
        var tablet = await tabletContext.NewPageAsync();
        await WartaSite.SignInAsync(tablet, editorAccount);
        await tablet.GotoAsync(editor.Url);
        await tablet.Locator(".rte").ScrollIntoViewIfNeededAsync();
        await Expect(tablet.GetByRole(AriaRole.Button, new() { Name = "Simpan", Exact = true })).ToBeInViewportAsync();

        // Staff reading the site get a way back to the editor; readers never do.
        await editor.GotoAsync(storyUrl);
        await Expect(editor.Locator(".staff-edit a")).ToHaveTextAsync("Sunting");

        await using var readerContext = await site.NewPhoneContextAsync();
        var reader = await readerContext.NewPageAsync();
        await reader.GotoAsync(storyUrl);
        var ralat = reader.Locator("aside.corrections");
        await Expect(ralat.GetByRole(AriaRole.Heading, new() { Name = "Ralat" })).ToBeVisibleAsync();
        await Expect(ralat).ToContainTextAsync("Sebelumnya tertulis ekspor tumbuh 12 persen; yang benar 21 persen.");
        await Expect(ralat.Locator("time")).ToContainTextAsync(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy"));
        await Expect(reader.Locator(".staff-edit")).ToHaveCountAsync(0);
        await Expect(reader.Locator(".updated")).ToContainTextAsync("Diperbarui");
    }
}
