using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Warta.Tests.Infrastructure;
using Warta.Web.Data;
using Warta.Web.Accounts;
using Warta.Web.Accounts.Staff;

namespace Warta.Tests.Shared;

/// <summary>
/// One validation style: a bad request to each API family is a 400 validation problem naming the JSON property, and the
/// same bad input on the matching page shows the very message the API gives a caller asking in Indonesian.
/// </summary>
public class ValidationTests(StaffFactory app) : IClassFixture<StaffFactory>
{
    static readonly DateTimeOffset Start = new(2023, 6, 10, 9, 0, 0, TimeSpan.FromHours(7));

    async Task<HttpClient> AdminAsync()
    {
        var email = $"admin-{Guid.NewGuid():N}@warta.local";
        await app.AddStaffAsync(email, StaffRoles.Admin);
        return await app.SignedInAsync(email);
    }

    /// <summary>The message for <paramref name="field"/> in the problem, asked in English and then in Indonesian.</summary>
    static async Task<(string English, string Indonesian)> MessagesAsync(HttpClient api, Func<HttpClient, Task<HttpResponseMessage>> send, string field)
    {
        var english = await (await send(api)).ProblemAsync();
        Assert.Equal(400, english.GetProperty("status").GetInt32());
        api.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("id-ID"));
        api.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("en", 0.5));
        try
        {
            var indonesian = await (await send(api)).ProblemAsync();
            return (Message(english, field), Message(indonesian, field));
        }
        finally
        {
            api.DefaultRequestHeaders.AcceptLanguage.Clear();
        }
    }

    static string Message(JsonElement problem, string field) => Assert.Single(problem.GetProperty("errors").GetProperty(field).EnumerateArray()).GetString()!;

    [Fact]
    public async Task A_story_without_a_title_is_refused_by_the_API_and_the_editor_page_in_the_same_words()
    {
        var api = await app.ApiClientAsync();
        await api.EnsureChannelAsync("ekonomi", "Ekonomi");
        var story = NewsroomApi.Story("");
        var (english, indonesian) = await MessagesAsync(api, a => a.PostAsJsonAsync("/api/admin/articles", story), "title");
        Assert.Equal("Title is required.", english);
        Assert.Equal("Judul wajib diisi, paling banyak 300 karakter.", indonesian);

        var editor = await app.StaffAsync("editor");
        var fields = StaffClient.Story("");
        fields["action"] = "simpan";
        var id = Guid.CreateVersion7();
        var (status, page, _) = await editor.PostFormAsync($"/redaksi/sunting/{id}", fields);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(indonesian, page.QuerySelector(".alert li[data-field=title]")!.TextContent);
        using var scope = app.Services.CreateScope();
        Assert.False(await app.Db(scope).Articles.AnyAsync(a => a.Id == id));
    }

    [Fact]
    public async Task An_instrument_without_a_label_is_refused_by_the_API_and_the_market_page_in_the_same_words()
    {
        var api = await app.ApiClientAsync();
        var instrument = new { label = " ", kind = "index", decimals = 2 };
        var (english, indonesian) = await MessagesAsync(api, a => a.PutAsJsonAsync("/api/admin/instruments/IDX80", instrument), "label");
        Assert.Equal("Label is required.", english);
        Assert.Equal("Label wajib diisi, paling banyak 80 karakter.", indonesian);

        var admin = await AdminAsync();
        var refused = await admin.SubmitAsync("/redaksi/pasar/instrumen", new()
        {
            ["baru"] = "true", ["Form.Symbol"] = "IDX80", ["Form.Label"] = " ", ["Form.Kind"] = "Index", ["Form.Decimals"] = "2",
            ["Form.Display"] = "Full", ["Form.Order"] = "0", ["Form.Calendar"] = "Idx", ["Form.StaleAfterMinutes"] = "15",
            ["Form.JumpHoldPercent"] = "25", ["Form.JumpWindowMinutes"] = "1",
        });
        var page = await refused.DocumentAsync(400);
        Assert.Equal([indonesian], page.QuerySelectorAll(".field-error").Select(e => e.TextContent));
        using var scope = app.Services.CreateScope();
        Assert.False(await app.Db(scope).Instruments.AnyAsync(i => i.Symbol == "IDX80"));
    }

    [Fact]
    public async Task A_course_without_seats_is_refused_by_the_API_and_the_admin_page_in_the_same_words()
    {
        var api = await app.ApiClientAsync();
        var course = new { title = "Membaca Laporan Keuangan", startsAt = Start, endsAt = Start.AddHours(3), price = 750000, seats = 0 };
        var (english, indonesian) = await MessagesAsync(api, a => a.PostAsJsonAsync("/api/admin/courses", course), "seats");
        Assert.Equal("Seats is a number from 1 to 100,000.", english);
        Assert.Equal("Jumlah kursi antara 1 dan 100.000.", indonesian);

        var admin = await AdminAsync();
        var refused = await admin.SubmitAsync("/redaksi/admin/kelas", new()
        {
            ["form.Title"] = "Membaca Laporan Keuangan", ["form.StartsAt"] = "2023-06-10T09:00", ["form.EndsAt"] = "2023-06-10T12:00",
            ["form.Price"] = "750000", ["form.Seats"] = "0",
        }, "/redaksi/admin/kelas?handler=Save");
        var page = await refused.DocumentAsync(400);
        Assert.Equal(["seats"], page.QuerySelectorAll(".alert li").Select(li => li.GetAttribute("data-field")));
        Assert.Equal(indonesian, page.QuerySelector(".alert li[data-field=seats]")!.TextContent);
        using var scope = app.Services.CreateScope();
        Assert.False(await app.Db(scope).Courses.AnyAsync());
    }

    [Fact]
    public async Task A_bad_quote_is_a_validation_problem_naming_the_row_and_property_sent()
    {
        var markets = await app.ApiClientAsync(ApiScopes.Markets);
        var response = await markets.PostAsJsonAsync("/api/markets/quotes", new[] { new { symbol = "NOPE", value = 1m, at = app.Clock.GetUtcNow() } });
        var problem = await response.ProblemAsync();
        Assert.Equal(["[0].symbol"], problem.ErrorFields());
        Assert.Contains("Accept-Language", response.Headers.Vary);
    }

    [Fact]
    public async Task A_field_the_API_does_not_know_is_named_in_the_problem_of_every_family()
    {
        var api = await app.ApiClientAsync();
        foreach (var (method, url) in new[]
                 {
                     (HttpMethod.Post, "/api/admin/articles"), (HttpMethod.Put, "/api/admin/channels/pasar"), (HttpMethod.Put, "/api/admin/promos/top"),
                     (HttpMethod.Put, "/api/admin/instruments/LQ45"), (HttpMethod.Post, "/api/admin/courses"),
                 })
        {
            var response = await api.SendAsync(new HttpRequestMessage(method, url) { Content = JsonContent.Create(new { judul = "x" }) });
            var problem = await response.ProblemAsync();
            Assert.Equal(["judul"], problem.ErrorFields());
        }
    }
}
