using BathroomAftersales.Domain.Files;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace BathroomAftersales.Web.Infrastructure.Files;

public enum PhotoProblem
{
    NotAnImage,
    TooLarge,
    TooManyPixels,
}

/// <summary>A photo refused for what it is, not for its name: the page turns <see cref="Problem"/> into a message.</summary>
public sealed class PhotoRejectedException(PhotoProblem problem, string fileName)
    : Exception($"Photo '{fileName}' was refused: {problem}.")
{
    public PhotoProblem Problem { get; } = problem;

    public string FileName { get; } = fileName;
}

public sealed record SavedPhoto(string StorageName, string ThumbnailName, string ContentType, long Length, int Width, int Height);

/// <summary>
/// Uploaded photos: accepted only if the bytes decode as JPEG, PNG or WebP (whatever the name says), at most 10 MB and
/// 40 megapixels; re-encoded as JPEG, which drops EXIF (GPS position, camera serial) and anything hidden in the file;
/// stored outside wwwroot under random names (Files:Root, default App_Data/uploads).
/// </summary>
public sealed class PhotoStore : IDisposable
{
    public const int MaxPixels = 40_000_000;
    public const int MaxEdge = 2560;
    public const int ThumbnailEdge = 320;
    private static readonly string[] AcceptedFormats = ["JPEG", "PNG", "Webp"];

    private readonly string _root;
    private readonly SemaphoreSlim _decoding = new(1, 1);

    public PhotoStore(IWebHostEnvironment environment, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration["Files:Root"];
        _root = string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(environment.ContentRootPath, "App_Data", "uploads")
            : Path.GetFullPath(configured);
        Directory.CreateDirectory(_root);
    }

    public async Task<SavedPhoto> SaveAsync(IFormFile file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Length is 0 or > StoredFile.MaxBytes)
        {
            throw new PhotoRejectedException(file.Length == 0 ? PhotoProblem.NotAnImage : PhotoProblem.TooLarge, file.FileName);
        }

        // Read from the form's own buffer (a temporary file past 64 KB), not copied into memory first: a 10 MB photo
        // is checked and decoded without a second 10 MB on the managed heap.
        try
        {
            await using (var upload = file.OpenReadStream())
            {
                var (info, format) = await Image.IdentifyWithFormatAsync(upload, cancellationToken);
                if (info is null || format is null || !AcceptedFormats.Contains(format.Name, StringComparer.OrdinalIgnoreCase))
                {
                    throw new PhotoRejectedException(PhotoProblem.NotAnImage, file.FileName);
                }

                if ((long)info.Width * info.Height > MaxPixels)
                {
                    throw new PhotoRejectedException(PhotoProblem.TooManyPixels, file.FileName);
                }
            }

            // The decoded pixels of a 40-megapixel photo take 120 MB outside the managed heap, and the work is all CPU:
            // one photo at a time per instance keeps the memory an instance needs predictable (docs/operations.md,
            // "Memory per instance") and costs no throughput on a machine this size.
            await _decoding.WaitAsync(cancellationToken);
            try
            {
                return await ReencodeAsync(file, cancellationToken);
            }
            finally
            {
                _decoding.Release();
            }
        }
        catch (Exception exception) when (exception is UnknownImageFormatException or InvalidImageContentException or NotSupportedException)
        {
            throw new PhotoRejectedException(PhotoProblem.NotAnImage, file.FileName);
        }
    }

    public Stream OpenRead(string storageName) =>
        new FileStream(Resolve(storageName), FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);

    public bool Exists(string storageName) => File.Exists(Resolve(storageName));

    public void Dispose() => _decoding.Dispose();

    /// <summary>Removes files saved for a form whose save then failed, so nothing is left half-way.</summary>
    public void Delete(SavedPhoto photo)
    {
        ArgumentNullException.ThrowIfNull(photo);
        File.Delete(Resolve(photo.StorageName));
        File.Delete(Resolve(photo.ThumbnailName));
    }

    private async Task<SavedPhoto> ReencodeAsync(IFormFile file, CancellationToken cancellationToken)
    {
        Image<Rgb24> image;
        await using (var upload = file.OpenReadStream())
        {
            image = await Image.LoadAsync<Rgb24>(upload, cancellationToken);
        }

        using (image)
        {
            image.Mutate(x => x.AutoOrient());
            StripMetadata(image);
            if (image.Width > MaxEdge || image.Height > MaxEdge)
            {
                image.Mutate(x => x.Resize(new ResizeOptions { Mode = ResizeMode.Max, Size = new Size(MaxEdge, MaxEdge) }));
            }

            var name = Guid.NewGuid().ToString("N");
            var storageName = Path.Combine(name[..2], name + ".jpg");
            var thumbnailName = Path.Combine(name[..2], name + "_t.jpg");
            Directory.CreateDirectory(Path.Combine(_root, name[..2]));
            var path = Resolve(storageName);
            await image.SaveAsJpegAsync(path, new JpegEncoder { Quality = 85 }, cancellationToken);

            using var thumbnail = image.Clone(x => x.Resize(new ResizeOptions { Mode = ResizeMode.Max, Size = new Size(ThumbnailEdge, ThumbnailEdge) }));
            await thumbnail.SaveAsJpegAsync(Resolve(thumbnailName), new JpegEncoder { Quality = 75 }, cancellationToken);

            return new SavedPhoto(storageName, thumbnailName, "image/jpeg", new FileInfo(path).Length, image.Width, image.Height);
        }
    }

    private static void StripMetadata(Image image)
    {
        image.Metadata.ExifProfile = null;
        image.Metadata.IptcProfile = null;
        image.Metadata.XmpProfile = null;
        image.Metadata.IccProfile = null;
        foreach (var frame in image.Frames)
        {
            frame.Metadata.ExifProfile = null;
            frame.Metadata.IptcProfile = null;
            frame.Metadata.XmpProfile = null;
            frame.Metadata.IccProfile = null;
        }
    }

    private string Resolve(string storageName)
    {
        var full = Path.GetFullPath(Path.Combine(_root, storageName));
        if (!full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("A stored file name must stay inside the upload folder.");
        }

        return full;
    }
}
