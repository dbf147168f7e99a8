using static Microsoft.Playwright.Assertions;

namespace Warta.BrowserTests;

/// <summary>The newsroom as its people use it: a writer drafts a story with a photo and Baca Juga picks, an editor schedules and publishes it, a reader reads it; two editors collide and neither loses text.</summary>
[Collection(WartaSiteCollection.Name)]
public sealed class NewsroomTests(WartaSite site)
{
    [Fact]
    public async Task A_writer_drafts_with_a_photo_and_baca_juga_an_editor_schedules_and_publishes_and_a_reader_sees_it()
    {
        var writerAccount = await site.AddStaffAsync("writer", "Rina Reporter");
        var editorAccount = await site.AddStaffAsync("editor", "Eko Editor");
        var photo = Path.Combine(Path.GetTempPath(), $"warta-photo-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(photo, Warta.Web.Demo.DemoImages.Draw("harvest", 2));

        await using var writerContext = await site.NewStaffContextAsync(tablet: true);
        var writer = await writerContext.NewPageAsync();
        await WartaSite.SignInAsync(writer, writerAccount);
        await writer.GetByRole(AriaRole.Link, new() { Name = "Tulis berita" }).ClickAsync();
        await writer.WaitForURLAsync("**/redaksi/sunting/*");
        await writer.Locator("#Form_Title").FillAsync("Petani Kopi Gayo Panen Raya");
        await writer.Locator("#Form_Channel").SelectOptionAsync("ekonomi");
        await writer.Locator("#Form_Summary").FillAsync("Harga kopi arabika naik, petani menikmati panen terbaik.");
        await writer.Locator("#Form_Reporters").FillAsync("Rina Reporter");
        await writer.Locator("#Form_Dateline").FillAsync("Takengon");
        var body = writer.Locator(".rte");
        await body.ClickAsync();
        await writer.Keyboard.TypeAsync("Petani kopi di dataran tinggi Gayo memulai panen raya pekan ini.");
        await writer.Keyboard.PressAsync("Enter");
        await writer.Keyboard.TypeAsync("Harga jual di tingkat petani naik dua puluh persen.");

        await writer.GetByRole(AriaRole.Button, new() { Name = "Pilih dari perpustakaan" }).ClickAsync();
        var picker = writer.Locator("#photo-picker");
        await picker.Locator(".picker-file").SetInputFilesAsync(photo);
        await picker.Locator(".picker-caption").FillAsync("Petani memetik kopi di Gayo");
        await picker.Locator(".picker-credit").FillAsync("WARTA/Rina");
        await picker.Locator(".picker-alt").FillAsync("Tangan memetik buah kopi merah");
        await picker.Locator(".picker-send").ClickAsync();
        await Expect(picker).ToBeHiddenAsync();
        await Expect(writer.Locator("#Form_ImageCaption")).ToHaveValueAsync("Petani memetik kopi di Gayo");
        await Expect(writer.Locator("#Form_ImageAlt")).ToHaveValueAsync("Tangan memetik buah kopi merah");
        await writer.Locator("#Form_ImageCredit").FillAsync("WARTA/Rina Reporter");

        await writer.Locator(".related-search input").FillAsync("rupiah");
        var result = writer.Locator(".related-results button").First;
        await Expect(result).ToBeVisibleAsync();
        var picked = (await result.TextContentAsync())!.Split(" — ")[0];
        await result.ClickAsync();
        await Expect(writer.Locator(".related-list li")).ToHaveCountAsync(1);

        await writer.GetByRole(AriaRole.Button, new() { Name = "Kirim untuk ditinjau" }).ClickAsync();
        await Expect(writer.Locator(".saved-notice")).ToContainTextAsync("Menunggu tinjauan");
        await Expect(writer.Locator("#Form_Title")).ToBeDisabledAsync();

        await using var editorContext = await site.NewStaffContextAsync();
        var editor = await editorContext.NewPageAsync();
        await WartaSite.SignInAsync(editor, editorAccount);
        await editor.GetByRole(AriaRole.Link, new() { Name = "Menunggu tinjauan" }).ClickAsync();
        await editor.GetByRole(AriaRole.Link, new() { Name = "Petani Kopi Gayo Panen Raya" }).ClickAsync();
        await editor.Locator("#Form_Title").FillAsync("Petani Kopi Gayo Panen Raya, Harga Naik");
        await editor.Locator("#Form_Editor").FillAsync("Eko Editor");
        var inAnHour = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).AddHours(1).ToString("yyyy-MM-dd'T'HH:mm");
        await editor.Locator("#Form_PublishAt").FillAsync(inAnHour);
        await editor.GetByRole(AriaRole.Button, new() { Name = "Jadwalkan" }).ClickAsync();
        await Expect(editor.Locator(".saved-notice")).ToContainTextAsync("Terjadwal");
        await editor.GotoAsync("/redaksi?tampilan=terjadwal");
        await editor.GetByRole(AriaRole.Link, new() { Name = "Petani Kopi Gayo Panen Raya, Harga Naik" }).ClickAsync();
        await editor.GetByRole(AriaRole.Button, new() { Name = "Terbitkan sekarang" }).ClickAsync();
        await Expect(editor.Locator(".saved-notice")).ToContainTextAsync("Terbit");
        var storyUrl = await editor.GetByRole(AriaRole.Link, new() { Name = "Lihat di situs" }).GetAttributeAsync("href");

        await using var readerContext = await site.NewPhoneContextAsync();
        var reader = await readerContext.NewPageAsync();
        await reader.GotoAsync(storyUrl!);
        await Expect(reader.Locator("article.story h1")).ToHaveTextAsync("Petani Kopi Gayo Panen Raya, Harga Naik");
        await Expect(reader.Locator(".lead-photo figcaption")).ToContainTextAsync("Petani memetik kopi di Gayo");
        await Expect(reader.Locator(".lead-photo img")).ToHaveAttributeAsync("alt", "Tangan memetik buah kopi merah");
        await Expect(reader.Locator(".credits")).ToContainTextAsync("Reporter: Rina Reporter | Editor: Eko Editor");
        await Expect(reader.Locator("article.story .body")).ToContainTextAsync("TAKENGON. Petani kopi di dataran tinggi Gayo");
        await Expect(reader.Locator("article.story .body")).ToContainTextAsync("Baca Juga: " + picked);
        File.Delete(photo);
    }

    [Fact]
    public async Task Two_editors_type_in_the_same_story_the_later_save_shows_the_conflict_and_no_text_is_lost()
    {
        var first = await site.AddStaffAsync("editor", "Editor Pagi");
        var second = await site.AddStaffAsync("editor", "Editor Siang");
        await using var contextA = await site.NewStaffContextAsync();
        await using var contextB = await site.NewStaffContextAsync(tablet: true);
        var a = await contextA.NewPageAsync();
        var b = await contextB.NewPageAsync();
        await WartaSite.SignInAsync(a, first);
        await WartaSite.SignInAsync(b, second);

        await a.GotoAsync("/redaksi/sunting");
        await a.Locator("#Form_Title").FillAsync("Cadangan Devisa Akhir Bulan");
        await a.Locator("#Form_Channel").SelectOptionAsync("keuangan");
        await a.Locator(".rte").ClickAsync();
        await a.Keyboard.TypeAsync("Cadangan devisa tercatat stabil.");
        await a.GetByRole(AriaRole.Button, new() { Name = "Simpan", Exact = true }).ClickAsync();
        await Expect(a.Locator(".saved-notice")).ToContainTextAsync("Tersimpan");
        var storyPath = new Uri(a.Url).AbsolutePath;

        await b.GotoAsync(storyPath);
        await a.Locator(".rte").ClickAsync();
        await a.Keyboard.PressAsync("End");
        await a.Keyboard.TypeAsync(" Kalimat tambahan dari editor pagi.");
        await b.Locator(".rte").ClickAsync();
        await b.Keyboard.PressAsync("End");
        await b.Keyboard.TypeAsync(" Kalimat tambahan dari editor siang.");

        // B saves only once A's save has been answered (committed).
        await a.RunAndWaitForResponseAsync(() => a.GetByRole(AriaRole.Button, new() { Name = "Simpan", Exact = true }).ClickAsync(),
            r => r.Request.Method == "POST" && !r.Url.Contains("handler=", StringComparison.Ordinal));
        await Expect(a.Locator(".rte")).ToContainTextAsync("dari editor pagi");
        await b.GetByRole(AriaRole.Button, new() { Name = "Simpan", Exact = true }).ClickAsync();

        var conflict = b.Locator("section.conflict");
        await Expect(conflict).ToBeVisibleAsync();
        await Expect(conflict.Locator("#conflict-current")).ToContainTextAsync("dari editor pagi");
        await Expect(conflict.Locator("#conflict-mine")).ToContainTextAsync("dari editor siang");
        await Expect(conflict.Locator(".diff ins").First).ToBeVisibleAsync();
        // B's text is still in B's editor; B merges A's sentence in and saves deliberately on top of A's version.
        await Expect(b.Locator(".rte")).ToContainTextAsync("dari editor siang");
        await b.Locator(".rte").ClickAsync();
        await b.Keyboard.PressAsync("Control+End");
        await b.Keyboard.TypeAsync(" Kalimat tambahan dari editor pagi.");
        await b.GetByRole(AriaRole.Button, new() { Name = "Simpan", Exact = true }).ClickAsync();
        await Expect(b.Locator(".saved-notice")).ToContainTextAsync("Tersimpan");
        await Expect(b.Locator(".rte")).ToContainTextAsync("dari editor siang");
        await Expect(b.Locator(".rte")).ToContainTextAsync("dari editor pagi");

        // The history keeps every text, the refused one marked.
        await a.GotoAsync(storyPath + "/revisi");
        await Expect(a.Locator("table.revisions tbody tr")).ToHaveCountAsync(4);
        await Expect(a.Locator("table.revisions tr.refused")).ToHaveCountAsync(1);
        await Expect(a.Locator("table.revisions tr.refused")).ToContainTextAsync("Editor Siang");
    }

    [Fact]
    public async Task Pasted_word_html_is_cleaned_and_without_javascript_the_plain_textarea_still_saves()
    {
        var account = await site.AddStaffAsync("writer", "Penulis Tempel");
        await using var context = await site.NewStaffContextAsync();
        var page = await context.NewPageAsync();
        await WartaSite.SignInAsync(page, account);
        await page.GotoAsync("/redaksi/sunting");
        await page.Locator(".rte").ClickAsync();
        // What Word puts on the clipboard: classes, inline styles, Office tags, a bold run as a styled span.
        await page.Locator(".rte").EvaluateAsync("""
            el => {
              const data = new DataTransfer();
              data.setData("text/html", '<html><head><style>p.MsoNormal{margin:0}</style></head><body><p class="MsoNormal" style="color:red">Laba bersih <span style="font-weight:bold">naik 12%</span><o:p></o:p></p><script>alert(1)</script><p class="MsoNormal"><a href="javascript:alert(2)">tautan</a> <a href="https://contoh.id">sumber</a></p></body></html>');
              data.setData("text/plain", "Laba bersih naik 12%");
              el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
            }
            """);
        var html = await page.Locator("textarea[name='Form.Body']").InputValueAsync();
        Assert.Contains("<strong>naik 12%</strong>", html);
        Assert.Contains("<a href=\"https://contoh.id\">sumber</a>", html);
        Assert.DoesNotContain("Mso", html);
        Assert.DoesNotContain("style", html);
        Assert.DoesNotContain("script", html);
        Assert.DoesNotContain("javascript:", html);

        await using var plain = await site.Browser.NewContextAsync(new() { BaseURL = site.BaseUrl.ToString(), JavaScriptEnabled = false });
        var noScript = await plain.NewPageAsync();
        await WartaSite.SignInAsync(noScript, account);
        await noScript.GotoAsync("/redaksi/sunting");
        await Expect(noScript.Locator(".rte")).ToBeHiddenAsync();
        await noScript.Locator("#Form_Title").FillAsync("Ditulis Tanpa JavaScript");
        await noScript.Locator("#Form_Channel").SelectOptionAsync("bisnis");
        await noScript.Locator("textarea[name='Form.Body']").FillAsync("<p>Isi dari kotak teks biasa.</p><hr class=\"page-break\"><p>Halaman kedua.</p>");
        await noScript.GetByRole(AriaRole.Button, new() { Name = "Simpan draf" }).ClickAsync();
        await Expect(noScript.Locator(".saved-notice")).ToContainTextAsync("Draf");
        await Expect(noScript.Locator("textarea[name='Form.Body']")).ToHaveValueAsync("<p>Isi dari kotak teks biasa.</p><hr class=\"page-break\"><p>Halaman kedua.</p>");
    }
}
