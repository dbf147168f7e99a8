using Microsoft.EntityFrameworkCore;
using Warta.Web.Accounts;
using Warta.Web.Data;
using Warta.Web.Shared;

namespace Warta.Web.Academy;

/// <summary>
/// Creating and changing courses, for the admin API, the admin page and demo seeding alike: validated, audited in the
/// same save, and evicted from the reader pages (the Academy block is on every one).
/// </summary>
public sealed class CourseWriter(WartaDb db, TimeProvider clock, PageCache pages)
{
    /// <summary>Creates a course, recorded in the audit log as <paramref name="http"/>'s actor (demo seeding has none).</summary>
    public async Task<(Course? Course, Errors Errors)> CreateAsync(CourseInput input, HttpContext? http = null)
    {
        var (title, hashtags, errors) = Validate(input);
        if (errors.Any) return (null, errors);
        var slug = await Slug.UniqueAsync(title!, "kelas", candidate => db.Courses.AnyAsync(c => c.Slug == candidate));
        var course = new Course { Id = Guid.CreateVersion7(), Title = title!, Slug = slug };
        Apply(course, title!, hashtags, input);
        db.Courses.Add(course);
        return (await SaveAsync(course, http, AuditActions.CourseCreate), errors);
    }

    /// <summary>Replaces a course's details; its slug (its address) stays.</summary>
    public async Task<(Course? Course, Errors Errors)> UpdateAsync(Guid id, CourseInput input, HttpContext http)
    {
        var (title, hashtags, errors) = Validate(input);
        var course = await db.Courses.SingleOrDefaultAsync(c => c.Id == id);
        if (course is null) errors.Add("id", "No such course.", "Kelas tidak ditemukan.");
        if (errors.Any) return (null, errors);
        Apply(course!, title!, hashtags, input);
        return (await SaveAsync(course!, http, AuditActions.CourseSave), errors);
    }

    async Task<Course> SaveAsync(Course course, HttpContext? http, string action)
    {
        if (http is not null)
            AuditLog.Add(db, clock, http, action, course.Slug, $"{course.Title}, {Indonesian.DateTime(course.StartsAt)}, Rp {course.Price:0}, {course.Seats} kursi");
        await db.SaveChangesAsync();
        await pages.EvictAsync(CacheTags.Lists, CourseList.CacheTag);
        return course;
    }

    static (string? Title, List<string> Hashtags, Errors Errors) Validate(CourseInput input)
    {
        var errors = new Errors();
        var title = input.Title?.Trim();
        if (string.IsNullOrEmpty(title)) errors.Add("title", "Title is required.", "Judul wajib diisi.");
        else if (title.Length > 200) errors.Add("title", "Title is at most 200 characters.", "Judul paling banyak 200 karakter.");
        if (input.StartsAt is null) errors.Add("startsAt", "startsAt is required.", "Waktu mulai wajib diisi.");
        if (input.EndsAt is null) errors.Add("endsAt", "endsAt is required.", "Waktu selesai wajib diisi.");
        else if (input.StartsAt is { } s && input.EndsAt <= s) errors.Add("endsAt", "endsAt must be after startsAt.", "Waktu selesai harus setelah waktu mulai.");
        if (input.Price is null) errors.Add("price", "Price is required (rupiah; 0 for free).", "Harga wajib diisi (rupiah; 0 bila gratis).");
        else if (input.Price < 0 || input.Price > 1_000_000_000) errors.Add("price", "Price is between 0 and 1,000,000,000 rupiah.", "Harga antara Rp 0 dan Rp 1.000.000.000.");
        if (input.Seats is null or < 1 or > 100_000) errors.Add("seats", "Seats is a number from 1 to 100,000.", "Jumlah kursi antara 1 dan 100.000.");
        var hashtags = (input.Hashtags ?? []).Select(h => h.Trim().TrimStart('#')).Where(h => h.Length > 0).Distinct().ToList();
        if (hashtags.Count > 10 || hashtags.Any(h => h.Length > 60 || !h.All(char.IsLetterOrDigit)))
            errors.Add("hashtags", "At most 10 hashtags of letters and digits, e.g. BisnisJangkaPanjang.", "Paling banyak 10 tagar dari huruf dan angka, mis. BisnisJangkaPanjang.");
        if (input.Summary is { Length: > 1000 }) errors.Add("summary", "Summary is at most 1000 characters.", "Ringkasan paling banyak 1000 karakter.");
        return (title, hashtags, errors);
    }

    static void Apply(Course course, string title, List<string> hashtags, CourseInput input)
    {
        course.Title = title;
        course.StartsAt = input.StartsAt!.Value.ToUniversalTime();
        course.EndsAt = input.EndsAt!.Value.ToUniversalTime();
        course.Price = input.Price!.Value;
        course.Seats = input.Seats!.Value;
        course.Hashtags = hashtags;
        course.Summary = string.IsNullOrWhiteSpace(input.Summary) ? null : input.Summary.Trim();
    }
}
