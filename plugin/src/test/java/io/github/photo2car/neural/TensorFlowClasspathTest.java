package io.github.photo2car.neural;

import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exactly one jar may provide the org.tensorflow classes: DJL's tensorflow-api (see STACK.md). */
class TensorFlowClasspathTest {

    @Test
    void oneProviderOfTheTensorFlowJavaClasses() throws Exception {
        for (String cls : new String[] {"org/tensorflow/Graph.class", "org/tensorflow/Session.class",
            "org/tensorflow/SavedModelBundle.class"}) {
            List<URL> where = Collections.list(getClass().getClassLoader().getResources(cls));
            assertEquals(1, where.size(), cls + " provided by " + where);
            assertTrue(where.get(0).toString().contains("tensorflow-api"), cls + " comes from " + where.get(0));
        }
    }
}
