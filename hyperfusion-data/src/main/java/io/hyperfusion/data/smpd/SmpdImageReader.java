package io.hyperfusion.data.smpd;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperfusion.data.DataFormatException;
import io.hyperfusion.data.LoadSummary;
import io.hyperfusion.data.Post;
import io.hyperfusion.data.PostDataset;
import io.hyperfusion.data.PostReader;
import io.hyperfusion.data.ReadOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an SMP Challenge image-track copy (SMPD-Image, Flickr): a root with {@code train/} and/or
 * {@code test/}, each holding the split's image list, labels (train only) and six optional JSON files.
 *
 * <p>The image list ({@code <split>_img_filepath.txt} or older {@code <split>_img_path.txt}) fixes the set
 * and order of posts; every JSON file is joined onto it by (Uid, Pid), with numeric Pids normalised
 * (775, "775", 775.0 → "775"). The train split becomes the labelled posts, the test split the unlabelled
 * ones; a test split's label file is never read. Absent optional files are noted in the summary and leave
 * their fields absent; records that match no post are counted as unmatched per file.
 *
 * <p>Accepted value forms: numbers as JSON numbers or strings; {@code Postdate}, {@code photo_firstdate} and
 * {@code photo_firstdatetaken} as unix seconds or {@code "YYYY-MM-DD HH:MM:SS"} (UTC); {@code timezone_offset}
 * as {@code "+05:30"}, {@code "-0800"}, hours (|x| ≤ 14) or seconds; latitude and longitude both 0 mean no
 * geo tag; {@code Geoaccuracy} 0 means none; {@code Pathalias} "None" means absent. Image paths
 * {@code train/<Uid>/<Pid>.jpg} are kept relative to the root; a path not starting with the split's folder
 * name is taken as relative to the split folder.
 *
 * <p>A key of a JSON file outside {@link #JSON_KEYS} is not read; the summary notes each such key with its count.
 *
 * <p>Thread-safe: all state lives in one call to {@link #read}. See /work/shared/SMPD-FORMAT.md.
 */
public final class SmpdImageReader implements PostReader {
    /**
     * The keys the reader reads in each JSON file of a split, by the file's name after {@code <split>_}
     * ({@code text.json} also stands for the older {@code tags.json}). The image list and {@code label.txt} are
     * plain lines: a path {@code <split>/<Uid>/<Pid>.jpg} and a label.
     */
    public static final Map<String, List<String>> JSON_KEYS = jsonKeys();

    // Pandas column files use every row number as a field name: interning 300K distinct names only costs time.
    private final ObjectMapper mapper = new ObjectMapper(JsonFactory.builder()
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .build());

    @Override
    public PostDataset read(Path root, ReadOptions options) {
        if (!Files.isDirectory(root)) {
            throw new DataFormatException(root, null, "an SMPD-Image root must be a folder holding train/ and/or test/");
        }
        boolean hasTrain = Files.isDirectory(root.resolve("train"));
        boolean hasTest = Files.isDirectory(root.resolve("test"));
        if (!hasTrain && !hasTest) {
            throw new DataFormatException(root, null, "expected a train/ or test/ folder, found neither");
        }
        LoadSummary.Builder summary = LoadSummary.builder();
        RowProblems problems = new RowProblems(root, options, summary);
        Map<String, ProfileBuilder> profiles = new LinkedHashMap<>();
        List<Post> train = hasTrain ? split(root, "train", true, options, problems, profiles) : List.of();
        List<Post> test = hasTest ? split(root, "test", false, options, problems, profiles) : List.of();
        if (!hasTrain) {
            summary.note("train/ absent: no labelled posts");
        }
        if (!hasTest) {
            summary.note("test/ absent: no unlabelled posts");
        }
        return new PostDataset(root, train, test, ProfileBuilder.buildAll(profiles), summary.build());
    }

    private static Map<String, List<String>> jsonKeys() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("label.json", ImageLabels.JSON_KEYS);
        m.put("category.json", ImageJoins.CATEGORY_KEYS);
        m.put("text.json", ImageJoins.TEXT_KEYS);
        m.put("temporalspatial_information.json", ImageJoins.TEMPORAL_SPATIAL_KEYS);
        m.put("additional_information.json", ImageJoins.ADDITIONAL_KEYS);
        m.put("user_data.json", ImageUsers.KEYS);
        return java.util.Collections.unmodifiableMap(m);
    }

    private List<Post> split(Path root, String name, boolean labelled, ReadOptions options, RowProblems problems,
                             Map<String, ProfileBuilder> profiles) {
        ImageSplit s = new ImageSplit(root, name, problems, mapper);
        if (labelled) {
            ImageLabels.read(s);
        }
        ImageJoins.all(s);
        ImageUsers.read(s, profiles);
        List<Post> posts = new java.util.ArrayList<>(s.posts());
        posts.replaceAll(p -> ImageFiles.confine(p, root, options, problems, s.listFile, "post " + p.key()));
        if (options.checkImages()) {
            for (Post p : posts) {
                if (p.imagePath() == null) {
                    continue; // refused above
                }
                Path img = Path.of(p.imagePath());
                ImageFiles.count(img.isAbsolute() ? img : root.resolve(img), problems.summary());
            }
        }
        return posts;
    }
}
