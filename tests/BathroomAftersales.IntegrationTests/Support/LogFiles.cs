using System.Text;

namespace BathroomAftersales.IntegrationTests.Support;

public static class LogFiles
{
    /// <summary>Everything the app has written to its log files so far.</summary>
    public static string Read(AppFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var text = new StringBuilder();
        if (!Directory.Exists(factory.LogFolder))
        {
            return string.Empty;
        }

        foreach (var file in Directory.EnumerateFiles(factory.LogFolder))
        {
            // The app keeps the file open: share it for reading.
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            text.Append(reader.ReadToEnd());
        }

        return text.ToString();
    }
}
