using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Warta.Tests.Infrastructure;
using Warta.Web.Data;
using Warta.Web.Shared;

namespace Warta.Tests.Newsroom.Staff;

public class AdminPagesTests(StaffFactory app) : IClassFixture<StaffFactory>
{
    public static readonly string[] AdminPages =
    [
        "/redaksi/admin/staf", "/redaksi/admin/audit", "/redaksi/admin/kanal", "/redaksi/admin/tag", "/redaksi/admin/orang",
        "/redaksi/admin/promo", "/redaksi/admin/kelas", "/redaksi/admin/kunci-api",
    ];

    async Task<HttpClient> AdminAsync()
    {
        var email = $"admin-{Guid.NewGuid():N}@warta.local";
        await app.AddStaffAsync(email, StaffRoles.Admin);
        return await app.SignedInAsync(email);
    }

    async Task<List<AuditEntry>> AuditAsync(string action)
    {
        using var scope = app.Services.CreateScope();
        return await app.Db(scope).AuditEntries.AsNoTracking().Where(e => e.Action == action).OrderBy(e => e.Id).ToListAsync();
    }

    [Fact]
    public async Task Every_admin_page_is_forbidden_to_writers_and_editors_for_reading_and_for_posting()
    {
        var admin = await AdminAsync();
        await app.AddStaffAsync("writer-x@warta.local", StaffRoles.Writer);
        await app.AddStaffAsync("editor-x@warta.local", StaffRoles.Editor);
        var writer = await app.SignedInAsync("writer-x@warta.local");
        var editor = await app.SignedInAsync("editor-x@warta.local");
        var anonymous = app.Browser();
        foreach (var page in AdminPages)
        {
            Assert.Equal(HttpStatusCode.OK, await admin.StatusOfAsync(page));
            foreach (var (who, browser) in new[] { ("writer", writer), ("editor", editor) })
            {
                var get = await browser.GetAsync(page);
                Assert.True(get.StatusCode == HttpStatusCode.Forbidden, $"{who} GET {page}: {get.StatusCode}");
                Assert.Contains("Akses ditolak", await get.Content.ReadAsStringAsync());
                // A post with the user's own valid antiforgery token is refused all the same.
                var post = await browser.SubmitAsync("/redaksi/profil", new() { ["name"] = "x", ["slug"] = "x" }, page + "?handler=Save");
                Assert.True(post.StatusCode == HttpStatusCode.Forbidden, $"{who} POST {page}: {post.StatusCode}");
            }
            var signIn = await anonymous.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            Assert.StartsWith("/redaksi/masuk", signIn.Headers.Location!.PathAndQuery);
        }
        using var scope = app.Services.CreateScope();
        Assert.False(await app.Db(scope).Channels.AnyAsync(c => c.Slug == "x"));
    }

    [Fact]
    public async Task A_channel_saved_on_the_page_shows_to_readers_at_once_and_bad_input_saves_nothing()
    {
        var admin = await AdminAsync();
        var created = await admin.SubmitAsync("/redaksi/admin/kanal", new() { ["slug"] = "pasar-modal", ["name"] = "Pasar Modal", ["order"] = "2" }, "/redaksi/admin/kanal?handler=Save");
        Assert.Contains("disimpan", (await created.DocumentAsync()).QuerySelector(".notice")!.TextContent);
        var reader = app.ReaderClient();
        Assert.Contains((await reader.GetPageAsync("/")).QuerySelectorAll(".channels a"), a => a.TextContent == "Pasar Modal");

        var renamed = await admin.SubmitAsync("/redaksi/admin/kanal", new() { ["slug"] = "pasar-modal", ["name"] = "Bursa", ["order"] = "2" }, "/redaksi/admin/kanal?handler=Save");
        await renamed.DocumentAsync();
        Assert.Contains((await reader.GetPageAsync("/")).QuerySelectorAll(".channels a"), a => a.TextContent == "Bursa");

        var bad = await admin.SubmitAsync("/redaksi/admin/kanal", new() { ["slug"] = "Pasar Modal!", ["name"] = "", ["order"] = "dua" }, "/redaksi/admin/kanal?handler=Save");
        var alert = (await bad.DocumentAsync(400)).QuerySelector(".alert")!.TextContent;
        Assert.Contains("Urutan harus bilangan bulat", alert);
        var bad2 = await admin.SubmitAsync("/redaksi/admin/kanal", new() { ["slug"] = "Pasar Modal!", ["name"] = "", ["order"] = "1" }, "/redaksi/admin/kanal?handler=Save");
        var alert2 = (await bad2.DocumentAsync(400)).QuerySelector(".alert")!.TextContent;
        Assert.Contains("Slug kanal", alert2);
        Assert.Contains("Nama wajib diisi", alert2);
        using (var scope = app.Services.CreateScope())
            Assert.Equal(["pasar-modal"], await app.Db(scope).Channels.Where(c => c.Slug.Contains("pasar") || c.Slug.Contains("Pasar")).Select(c => c.Slug).ToListAsync());
        Assert.Equal(["Pasar Modal (urutan 2), baru", "Bursa (urutan 2)"], (await AuditAsync(AuditActions.ChannelSave)).Where(e => e.Subject == "pasar-modal").Select(e => e.Detail));
    }

    [Fact]
    public async Task The_API_and_the_page_refuse_the_same_promo_and_both_changes_are_audited()
    {
        var admin = await AdminAsync();
        var api = await app.ApiClientAsync();
        var problem = await (await api.PutAsJsonAsync("/api/admin/promos/top", new { html = "<b>Langganan</b>", url = "javascript:alert(1)", startsAt = "2023-05-06T00:00:00Z", endsAt = "2023-05-05T00:00:00Z" })).ProblemAsync();
        Assert.Equal(["endsAt", "url"], problem.ErrorFields().Order());

        var refused = await admin.SubmitAsync("/redaksi/admin/promo", new()
        {
            ["slot"] = "top", ["form.Html"] = "<b>Langganan</b>", ["form.Url"] = "javascript:alert(1)",
            ["form.StartsAt"] = "2023-05-06T07:00", ["form.EndsAt"] = "2023-05-05T07:00", ["form.Dismissible"] = "true", ["form.FrequencyHours"] = "0",
        }, "/redaksi/admin/promo?handler=Save");
        var page = await refused.DocumentAsync(400);
        Assert.Equal(["endsAt", "url"], page.QuerySelectorAll(".alert li").Select(li => li.GetAttribute("data-field")).Order());
        // What the admin typed stays in the form.
        Assert.Equal("javascript:alert(1)", page.QuerySelector("form[data-slot=top] input[name='form.Url']")!.GetAttribute("value"));

        var saved = await admin.SubmitAsync("/redaksi/admin/promo", new()
        {
            ["slot"] = "top", ["form.Html"] = "<b>Langganan</b> Premium<script>x()</script>", ["form.Url"] = "/langganan",
            ["form.StartsAt"] = "2023-05-05T07:00", ["form.EndsAt"] = "", ["form.Dismissible"] = "true", ["form.FrequencyHours"] = "0",
        }, "/redaksi/admin/promo?handler=Save");
        var after = await saved.DocumentAsync();
        Assert.Equal("2023-05-05T07:00", after.QuerySelector("form[data-slot=top] input[name='form.StartsAt']")!.GetAttribute("value"));
        using (var scope = app.Services.CreateScope())
        {
            var promo = await app.Db(scope).Promos.SingleAsync(p => p.Slot == "top");
            Assert.Equal(new DateTimeOffset(2023, 5, 5, 0, 0, 0, TimeSpan.Zero), promo.StartsAt);
            Assert.DoesNotContain("script", promo.Html);
        }
        Assert.Equal("Langganan Premium", (await app.ReaderClient().GetPageAsync("/")).Text("#promo-top a"));
        var audited = await AuditAsync(AuditActions.PromoSave);
        Assert.Single(audited);
        Assert.Equal("promo:top", audited[0].Subject);
    }

    [Fact]
    public async Task Tags_and_people_are_created_and_renamed_and_a_taken_slug_is_refused()
    {
        var admin = await AdminAsync();
        await (await admin.SubmitAsync("/redaksi/admin/tag", new() { ["name"] = "Suku Bunga", ["slug"] = "" }, "/redaksi/admin/tag?handler=Save")).DocumentAsync();
        await (await admin.SubmitAsync("/redaksi/admin/tag", new() { ["name"] = "Inflasi", ["slug"] = "" }, "/redaksi/admin/tag?handler=Save")).DocumentAsync();
        var list = await (await admin.GetAsync("/redaksi/admin/tag?q=suku")).DocumentAsync();
        var id = Assert.Single(list.QuerySelectorAll("table.tags input[name=id]")).GetAttribute("value")!;
        var taken = await admin.SubmitAsync("/redaksi/admin/tag", new() { ["id"] = id, ["name"] = "Suku Bunga", ["slug"] = "inflasi" }, "/redaksi/admin/tag?handler=Save");
        Assert.Contains("sudah dipakai", (await taken.DocumentAsync(400)).QuerySelector(".alert")!.TextContent);
        await (await admin.SubmitAsync("/redaksi/admin/tag", new() { ["id"] = id, ["name"] = "Suku Bunga Acuan", ["slug"] = "suku-bunga" }, "/redaksi/admin/tag?handler=Save")).DocumentAsync();

        await (await admin.SubmitAsync("/redaksi/admin/orang", new() { ["name"] = "Budi Santoso", ["slug"] = "", ["role"] = "Senior Editor" }, "/redaksi/admin/orang?handler=Save")).DocumentAsync();
        var tooLong = await admin.SubmitAsync("/redaksi/admin/orang", new() { ["name"] = new string('x', 121), ["slug"] = "", ["role"] = "" }, "/redaksi/admin/orang?handler=Save");
        Assert.Contains("paling banyak 120", (await tooLong.DocumentAsync(400)).QuerySelector(".alert")!.TextContent);

        using var scope = app.Services.CreateScope();
        var db = app.Db(scope);
        Assert.Equal("Suku Bunga Acuan", (await db.Tags.SingleAsync(t => t.Slug == "suku-bunga")).Name);
        var person = await db.People.SingleAsync(p => p.Slug == "budi-santoso");
        Assert.Equal("Senior Editor", person.Role);
        Assert.Equal(3, (await AuditAsync(AuditActions.TagSave)).Count);
        Assert.Single(await AuditAsync(AuditActions.PersonSave));
    }

    [Fact]
    public async Task Courses_are_created_and_edited_in_WIB_and_rupiah()
    {
        var admin = await AdminAsync();
        var badPrice = await admin.SubmitAsync("/redaksi/admin/kelas", new()
        {
            ["form.Title"] = "Membaca Laporan Keuangan", ["form.StartsAt"] = "2023-06-10T09:00", ["form.EndsAt"] = "2023-06-10T12:00",
            ["form.Price"] = "tujuh ratus ribu", ["form.Seats"] = "40", ["form.Hashtags"] = "#Saham", ["form.Summary"] = "",
        }, "/redaksi/admin/kelas?handler=Save");
        var refused = await badPrice.DocumentAsync(400);
        Assert.Contains("Harga ditulis dalam rupiah", refused.QuerySelector(".alert")!.TextContent);
        Assert.Equal("Membaca Laporan Keuangan", refused.QuerySelector("input[name='form.Title']")!.GetAttribute("value"));

        await (await admin.SubmitAsync("/redaksi/admin/kelas", new()
        {
            ["form.Title"] = "Membaca Laporan Keuangan", ["form.StartsAt"] = "2023-06-10T09:00", ["form.EndsAt"] = "2023-06-10T12:00",
            ["form.Price"] = "Rp 750.000", ["form.Seats"] = "40", ["form.Hashtags"] = "#Saham #LaporanKeuangan", ["form.Summary"] = "Kelas dasar.",
        }, "/redaksi/admin/kelas?handler=Save")).DocumentAsync();
        Guid id;
        using (var scope = app.Services.CreateScope())
        {
            var course = await app.Db(scope).Courses.SingleAsync();
            Assert.Equal(new DateTimeOffset(2023, 6, 10, 2, 0, 0, TimeSpan.Zero), course.StartsAt);
            Assert.Equal(750_000m, course.Price);
            Assert.Equal(["Saham", "LaporanKeuangan"], course.Hashtags);
            id = course.Id;
        }
        var edit = await (await admin.GetAsync($"/redaksi/admin/kelas?ubah={id}")).DocumentAsync();
        Assert.Equal("2023-06-10T09:00", edit.QuerySelector("input[name='form.StartsAt']")!.GetAttribute("value"));
        await (await admin.SubmitAsync($"/redaksi/admin/kelas?ubah={id}", new()
        {
            ["form.Id"] = id.ToString(), ["form.Title"] = "Membaca Laporan Keuangan", ["form.StartsAt"] = "2023-06-10T09:00", ["form.EndsAt"] = "2023-06-10T12:00",
            ["form.Price"] = "500000", ["form.Seats"] = "30", ["form.Hashtags"] = "#Saham", ["form.Summary"] = "",
        }, "/redaksi/admin/kelas?handler=Save")).DocumentAsync();
        var academy = await app.ReaderClient().GetPageAsync("/");
        var card = academy.QuerySelectorAll(".academy .course").Single(c => c.TextContent.Contains("Membaca Laporan Keuangan"));
        Assert.Equal("Rp 500.000", card.QuerySelector(".price")!.TextContent);
        Assert.Single(await AuditAsync(AuditActions.CourseCreate));
        Assert.Single(await AuditAsync(AuditActions.CourseSave));
    }

    [Fact]
    public async Task An_API_key_is_shown_once_works_until_revoked_and_both_are_audited()
    {
        var admin = await AdminAsync();
        var created = await admin.SubmitAsync("/redaksi/admin/kunci-api", new() { ["name"] = "Impor CMS lama", ["scope"] = "newsroom" }, "/redaksi/admin/kunci-api?handler=Create");
        var page = await created.DocumentAsync();
        var secret = page.QuerySelector(".new-key")!.TextContent.Trim();
        var keyId = page.QuerySelectorAll("table.api-keys tr[data-key]").Single(r => r.TextContent.Contains("Impor CMS lama")).GetAttribute("data-key")!;
        Assert.DoesNotContain(secret, await (await admin.GetAsync("/redaksi/admin/kunci-api")).Content.ReadAsStringAsync());

        var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        Assert.Equal(HttpStatusCode.Created, (await api.PutAsJsonAsync("/api/admin/channels/impor", new { name = "Impor" })).StatusCode);

        var badScope = await admin.SubmitAsync("/redaksi/admin/kunci-api", new() { ["name"] = "x", ["scope"] = "root" }, "/redaksi/admin/kunci-api?handler=Create");
        Assert.Contains("Cakupan kunci", (await badScope.DocumentAsync(400)).QuerySelector(".alert")!.TextContent);

        await (await admin.SubmitAsync("/redaksi/admin/kunci-api", new() { ["id"] = keyId }, "/redaksi/admin/kunci-api?handler=Revoke")).DocumentAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.PutAsJsonAsync("/api/admin/channels/impor", new { name = "Impor lagi" })).StatusCode);

        Assert.StartsWith("Impor CMS lama (wk_", Assert.Single(await AuditAsync(AuditActions.ApiKeyCreate)).Subject);
        Assert.StartsWith("Impor CMS lama (wk_", Assert.Single(await AuditAsync(AuditActions.ApiKeyRevoke)).Subject);
        // The channel the key saved names the key as its actor.
        Assert.Equal("Impor CMS lama", (await AuditAsync(AuditActions.ChannelSave)).Single(e => e.Subject == "impor").Actor);
    }
}
