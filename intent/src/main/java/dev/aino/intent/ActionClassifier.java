package dev.aino.intent;

import dev.aino.error.AinoException;
import dev.aino.error.ErrorCode;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Tells the action of a message by its nearest neighbours among labelled example utterances, in the
 * embedding space of a sentence model. Paraphrases land near the examples they mean, so the
 * examples teach what an action sounds like rather than listing sentences to match.
 *
 * <p>The model and the examples' embeddings are made once, on first use ({@link #warmUp} lets a
 * server do that on a background thread), because loading the model takes a second or two and most
 * runs of the {@code aino} command never read a sentence.
 */
final class ActionClassifier {
  /** The examples shipped with the engine. */
  static final String EXAMPLES = "/dev/aino/intent/examples.tsv";

  /** How many neighbours of one action count towards its score. */
  private static final int NEIGHBOURS = 2;

  private final List<Example> examples;
  private final Supplier<EmbeddingModel> modelFactory;
  private volatile Index index;

  /** One labelled utterance. */
  record Example(IntentAction action, String text) {}

  /**
   * The best action and how sure the classifier is.
   *
   * @param action the action whose nearest examples are closest
   * @param score the mean cosine similarity of its nearest examples, -1 to 1
   * @param runnerUp the next best action
   * @param runnerUpScore its score
   */
  record Classification(
      IntentAction action,
      double score,
      IntentAction runnerUp,
      double runnerUpScore,
      Map<IntentAction, Double> scores) {

    /** The same scores with {@code bonus} added to {@code favoured}'s, ranked again. */
    Classification favour(IntentAction favoured, double bonus) {
      Map<IntentAction, Double> adjusted = new EnumMap<>(scores);
      adjusted.merge(favoured, bonus, Double::sum);
      return ranked(adjusted);
    }

    static Classification ranked(Map<IntentAction, Double> scores) {
      IntentAction first = null;
      IntentAction second = null;
      double firstScore = Double.NEGATIVE_INFINITY;
      double secondScore = Double.NEGATIVE_INFINITY;
      for (Map.Entry<IntentAction, Double> e : scores.entrySet()) {
        double score = e.getValue();
        if (score > firstScore) {
          second = first;
          secondScore = firstScore;
          first = e.getKey();
          firstScore = score;
        } else if (score > secondScore) {
          second = e.getKey();
          secondScore = score;
        }
      }
      return new Classification(first, firstScore, second, secondScore, scores);
    }
  }

  private record Index(EmbeddingModel model, List<Example> examples, float[][] vectors) {}

  ActionClassifier(List<Example> examples, Supplier<EmbeddingModel> modelFactory) {
    if (examples.isEmpty()) {
      throw new IllegalArgumentException("no examples");
    }
    this.examples = List.copyOf(examples);
    this.modelFactory = modelFactory;
  }

  /** Loads the model and embeds the examples, if that has not happened yet. */
  void warmUp() {
    index();
  }

  boolean isWarm() {
    return index != null;
  }

  Classification classify(String text) {
    Index idx = index();
    float[] query = normalised(idx.model().embed(text).content().vector());
    Map<IntentAction, double[]> best = new EnumMap<>(IntentAction.class);
    for (int i = 0; i < idx.vectors().length; i++) {
      double sim = dot(query, idx.vectors()[i]);
      double[] top =
          best.computeIfAbsent(
              idx.examples().get(i).action(),
              a -> {
                double[] init = new double[NEIGHBOURS];
                java.util.Arrays.fill(init, Double.NaN);
                return init;
              });
      insert(top, sim);
    }
    Map<IntentAction, Double> scores = new EnumMap<>(IntentAction.class);
    best.forEach((action, top) -> scores.put(action, mean(top)));
    return Classification.ranked(scores);
  }

  private Index index() {
    Index idx = index;
    if (idx == null) {
      synchronized (this) {
        idx = index;
        if (idx == null) {
          EmbeddingModel model = modelFactory.get();
          List<TextSegment> segments = new ArrayList<>(examples.size());
          for (Example e : examples) {
            segments.add(TextSegment.from(e.text()));
          }
          List<Embedding> embedded = model.embedAll(segments).content();
          float[][] vectors = new float[embedded.size()][];
          for (int i = 0; i < vectors.length; i++) {
            vectors[i] = normalised(embedded.get(i).vector());
          }
          idx = new Index(model, examples, vectors);
          index = idx;
        }
      }
    }
    return idx;
  }

  /** Reads {@code ACTION<TAB>utterance} lines; '#' starts a comment line. */
  static List<Example> load(String resource) {
    try (InputStream in = ActionClassifier.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new AinoException(ErrorCode.INTERNAL, "intent examples " + resource + " missing");
      }
      List<Example> out = new ArrayList<>();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int tab = line.indexOf('\t');
        if (tab < 0) {
          throw new AinoException(
              ErrorCode.INTERNAL, resource + ":" + number + ": expected ACTION<TAB>text");
        }
        out.add(
            new Example(
                IntentAction.valueOf(line.substring(0, tab).strip()),
                line.substring(tab + 1).strip()));
      }
      return out;
    } catch (IOException e) {
      throw new AinoException(ErrorCode.INTERNAL, "cannot read intent examples " + resource, e);
    }
  }

  private static void insert(double[] top, double value) {
    for (int i = 0; i < top.length; i++) {
      if (Double.isNaN(top[i]) || value > top[i]) {
        for (int j = top.length - 1; j > i; j--) {
          top[j] = top[j - 1];
        }
        top[i] = value;
        return;
      }
    }
  }

  private static double mean(double[] values) {
    double sum = 0;
    int n = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        sum += v;
        n++;
      }
    }
    return n == 0 ? Double.NEGATIVE_INFINITY : sum / n;
  }

  private static float[] normalised(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) (v[i] / (norm == 0 ? 1 : norm));
    }
    return out;
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}
