using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Warta.Web.Data;

namespace Warta.Tests.Infrastructure;

/// <summary>A signed-in newsroom browser: cookies, the antiforgery token, and the editor's form fields.</summary>
public sealed class StaffClient(HttpClient http, string userId, string token)
{
    static readonly HtmlParser Parser = new();

    public HttpClient Http { get; } = http;
    public string UserId { get; } = userId;
    public string Token { get; } = token;

    public async Task<(HttpStatusCode Status, IHtmlDocument Page, HttpResponseMessage Response)> PostFormAsync(string url, IDictionary<string, string?> fields)
    {
        var body = fields.Where(f => f.Value is not null).Select(f => new KeyValuePair<string, string>(f.Key, f.Value!)).ToList();
        body.Add(new("__RequestVerificationToken", Token));
        var response = await Http.PostAsync(url, new FormUrlEncodedContent(body));
        return (response.StatusCode, Parser.ParseDocument(await response.Content.ReadAsStringAsync()), response);
    }

    /// <summary>The editor's fields for a complete story, as the form posts them.</summary>
    public static Dictionary<string, string?> Story(string title, string channel = "ekonomi", int? version = null) => new()
    {
        ["Form.Title"] = title,
        ["Form.Channel"] = channel,
        ["Form.Kind"] = "News",
        ["Form.Tags"] = "rupiah, bank indonesia",
        ["Form.Reporters"] = "Dewi Lestari",
        ["Form.Editor"] = "Agus Salim",
        ["Form.Dateline"] = "Jakarta",
        ["Form.Summary"] = "Ringkasan " + title,
        ["Form.Body"] = $"<p>Paragraf pertama {title}.</p><p>Paragraf kedua yang cukup panjang.</p>",
        ["Form.Version"] = version?.ToString(),
    };

    /// <summary>Creates a story through the editor page as this person; returns its id.</summary>
    public async Task<Guid> DraftAsync(string title, string action = "simpan", string channel = "ekonomi")
    {
        var id = Guid.CreateVersion7();
        var fields = Story(title, channel);
        fields["action"] = action;
        var (status, page, _) = await PostFormAsync($"/redaksi/sunting/{id}", fields);
        Assert.True(status == HttpStatusCode.Redirect, $"expected a redirect after saving, got {(int)status}: {page.Body?.TextContent[..Math.Min(800, page.Body.TextContent.Length)]}");
        return id;
    }

    /// <summary>Posts an action from the editor page with the story's current fields and version.</summary>
    public async Task<(HttpStatusCode Status, IHtmlDocument Page)> ActAsync(Guid id, string action, Action<Dictionary<string, string?>>? change = null)
    {
        var editor = await Http.GetPageAsync($"/redaksi/sunting/{id}");
        var fields = FieldsOf(editor);
        fields["action"] = action;
        change?.Invoke(fields);
        var (status, page, _) = await PostFormAsync($"/redaksi/sunting/{id}", fields);
        return (status, page);
    }

    /// <summary>Every field of the editor form as the page filled it in (what a browser would post back).</summary>
    public static Dictionary<string, string?> FieldsOf(IHtmlDocument editor)
    {
        var form = editor.QuerySelector("form#editor") ?? throw new Xunit.Sdk.XunitException("No editor form on the page.");
        var fields = new Dictionary<string, string?>();
        foreach (var input in form.QuerySelectorAll("input[name], textarea[name], select[name]"))
        {
            var name = input.GetAttribute("name")!;
            if (name == "__RequestVerificationToken") continue;
            switch (input)
            {
                case IHtmlInputElement { Type: "checkbox" } box:
                    if (box.IsChecked) fields[name] = "true";
                    break;
                case IHtmlInputElement i: fields[name] = i.Value; break;
                case IHtmlTextAreaElement t: fields[name] = t.Value; break;
                case IHtmlSelectElement s: fields[name] = s.Value; break;
            }
        }
        return fields;
    }
}

public static class StaffAccounts
{
    static readonly HtmlParser Parser = new();

    static readonly System.Runtime.CompilerServices.ConditionalWeakTable<WartaFactory, Dictionary<string, Task<StaffClient>>> Signed = new();

    /// <summary>
    /// A staff account with <paramref name="role"/> and <paramref name="name"/>, signed in through the sign-in page once per app
    /// (the sign-in page is rate-limited, and test classes set up before every test).
    /// </summary>
    public static Task<StaffClient> StaffAsync(this WartaFactory app, string role, string? name = null)
    {
        var clients = Signed.GetOrCreateValue(app);
        lock (clients)
        {
            var key = role + "|" + name;
            if (!clients.TryGetValue(key, out var client)) clients[key] = client = SignInAsync(app, role, name);
            return client;
        }
    }

    static async Task<StaffClient> SignInAsync(WartaFactory app, string role, string? name)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@warta.test";
        const string password = "kata-sandi-yang-panjang";
        string userId;
        using (var scope = app.Services.CreateScope())
        {
            var user = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().AddUserAsync(email, name ?? role + " Uji", role, password);
            userId = user.Id;
        }
        var http = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var login = Parser.ParseDocument(await http.GetStringAsync("/redaksi/masuk"));
        var loginToken = login.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var response = await http.PostAsync("/redaksi/masuk", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email, ["Password"] = password, ["__RequestVerificationToken"] = loginToken,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var desk = Parser.ParseDocument(await http.GetStringAsync("/redaksi"));
        var token = desk.QuerySelector("meta[name=csrf-token]")!.GetAttribute("content")!;
        return new StaffClient(http, userId, token);
    }

    public static async Task<T> InDbAsync<T>(this WartaFactory app, Func<WartaDb, Task<T>> read)
    {
        using var scope = app.Services.CreateScope();
        return await read(app.Db(scope));
    }

    public static Task<Warta.Web.Content.Article> ArticleAsync(this WartaFactory app, Guid id) =>
        app.InDbAsync(db => db.Articles.AsNoTracking().SingleAsync(a => a.Id == id));
}
