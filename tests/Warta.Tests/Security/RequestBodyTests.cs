using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Warta.Tests.Infrastructure;
using Warta.Web.Data;
using Warta.Web.Newsroom;

namespace Warta.Tests.Security;

/// <summary>Issue 8, items 3 and 7: bodies are limited before anything parses them, and a malformed body is a 4xx, never a 500.</summary>
public class RequestBodyTests(WartaFactory app) : IClassFixture<WartaFactory>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        var api = await app.ApiClientAsync();
        await api.EnsureChannelAsync("ekonomi", "Ekonomi", 1);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A body that does not say how long it is (sent chunked), and never ends before <paramref name="bytes"/>.</summary>
    sealed class EndlessJson(long bytes) : Stream
    {
        static readonly byte[] Head = Encoding.UTF8.GetBytes("{\"title\":\"");
        long _sent;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _sent; set => throw new NotSupportedException(); }
        public long Sent => _sent;

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_sent >= bytes) return 0;
            var n = (int)Math.Min(count, bytes - _sent);
            for (var i = 0; i < n; i++) buffer[offset + i] = _sent + i < Head.Length ? Head[_sent + i] : (byte)'a';
            _sent += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    async Task<int> ArticleCountAsync() => await app.InDbAsync(db => db.Articles.CountAsync());

    [Fact]
    public async Task A_ten_megabyte_chunked_api_body_is_refused_with_413_and_nothing_is_saved()
    {
        var api = await app.ApiClientAsync();
        var before = await ArticleCountAsync();
        var body = new EndlessJson(10 * 1024 * 1024);
        var content = new StreamContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        Assert.Null(content.Headers.ContentLength);

        var response = await api.PostAsync("/api/admin/articles", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.True(body.Sent < 10 * 1024 * 1024, "the server stopped reading at its limit");
        Assert.Equal(before, await ArticleCountAsync());
    }

    [Fact]
    public async Task A_body_that_declares_more_than_the_limit_is_refused_with_413_unread()
    {
        var api = await app.ApiClientAsync();
        var content = new ByteArrayContent(new byte[5 * 1024 * 1024]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var response = await api.PostAsync("/api/admin/articles", content);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task A_story_body_of_a_hundred_thousand_tags_is_refused_before_it_is_cleaned()
    {
        var api = await app.ApiClientAsync();
        var before = await ArticleCountAsync();
        var story = NewsroomApi.Story("Badan Berat");
        story["body"] = string.Concat(Enumerable.Repeat("<b>x</b>", 100_000));
        var problem = await (await api.PostAsJsonAsync("/api/admin/articles", story)).ProblemAsync();
        Assert.Equal(["body"], problem.ErrorFields());
        Assert.Contains("more than 20,000 tags", problem.GetProperty("errors").GetProperty("body")[0].GetString());
        Assert.Equal(before, await ArticleCountAsync());
    }

    [Fact]
    public async Task Autosave_refuses_an_oversized_body_and_a_scripted_burst()
    {
        var writer = await app.StaffAsync(StaffRoles.Writer, "Penulis Autosave");
        var id = Guid.CreateVersion7();
        var big = StaffClient.Story("Autosave Besar");
        big["Form.Body"] = "<p>" + new string('a', 1_000_001) + "</p>";
        var (tooBig, _, _) = await writer.PostFormAsync($"/redaksi/sunting/{id}?handler=Autosave", big);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig);
        Assert.False(await app.InDbAsync(db => db.ArticleAutosaves.AnyAsync(a => a.Key == id)));

        // The clock stands still: every autosave below falls in the same minute.
        for (var i = 1; i <= AutosaveLimiter.PerMinute; i++)
        {
            var (status, _, _) = await writer.PostFormAsync($"/redaksi/sunting/{id}?handler=Autosave", StaffClient.Story("Ketikan " + i));
            Assert.Equal(HttpStatusCode.OK, status);
        }
        var (refused, _, response) = await writer.PostFormAsync($"/redaksi/sunting/{id}?handler=Autosave", StaffClient.Story("Ketikan skrip"));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused);
        Assert.Equal("60", response.Headers.GetValues("Retry-After").Single());
        Assert.Equal("Ketikan " + AutosaveLimiter.PerMinute, await app.InDbAsync(db => db.ArticleAutosaves.Where(a => a.Key == id).Select(a => a.Title).SingleAsync()));

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var (again, _, _) = await writer.PostFormAsync($"/redaksi/sunting/{id}?handler=Autosave", StaffClient.Story("Ketikan berikutnya"));
        Assert.Equal(HttpStatusCode.OK, again);
    }

    [Fact]
    public async Task An_upload_is_held_to_the_media_limit_not_the_general_one()
    {
        var api = await app.ApiClientAsync();
        // A real photo followed by 5 MB of padding: over the 4 MB any other body may have, within the 15 MB an upload may.
        var padded = Warta.Tests.Newsroom.TestImages.Encode(800, 600, SkiaSharp.SKEncodedImageFormat.Jpeg).Concat(new byte[5 * 1024 * 1024]).ToArray();
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(padded);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(file, "file", "foto.jpg");
        var response = await api.PostAsync("/api/admin/media", form);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        using var scope = app.Services.CreateScope();
        Assert.True(await app.Db(scope).Media.AnyAsync(m => m.Id == id));

        // The media library page takes the same upload from staff.
        var writer = await app.StaffAsync(StaffRoles.Writer, "Penulis Foto");
        var page = new MultipartFormDataContent { { new StringContent(writer.Token), "__RequestVerificationToken" } };
        var photo = new ByteArrayContent(padded);
        photo.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        page.Add(photo, "file", "foto-halaman.jpg");
        var uploaded = await writer.Http.PostAsync("/redaksi/media", page);
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        Assert.True(await app.Db(scope).Media.AnyAsync(m => m.FileName == "foto-halaman.jpg"));
    }

    [Fact]
    public async Task A_malformed_multipart_upload_is_a_400_and_an_oversized_one_a_413()
    {
        var api = await app.ApiClientAsync();
        var broken = new ByteArrayContent(Encoding.ASCII.GetBytes("--batas\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\n\r\nabc"));
        broken.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=batas");
        var malformed = await api.PostAsync("/api/admin/media", broken);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);

        var form = new MultipartFormDataContent();
        var file = new StreamContent(new EndlessJson(40L * 1024 * 1024));
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(file, "file", "besar.jpg");
        var oversized = await api.PostAsync("/api/admin/media", form);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversized.StatusCode);
        Assert.False(await app.InDbAsync(db => db.Media.AnyAsync(m => m.FileName == "besar.jpg")));
    }
}
