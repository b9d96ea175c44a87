// The book's Vega runtime (built by `make vendor` with esbuild): Vega's parser and view with only
// the transforms that charts compiled from Vega-Lite use (data: filter, formula, stack,
// aggregate, …; the encoders and view layout). Vega's full build adds geo, force, hierarchy,
// label, regression, voronoi, wordcloud and crossfilter transforms the course never draws.
import {transforms} from "vega-dataflow";
import * as encode from "vega-encode";
import {parse} from "vega-parser";
import * as tx from "vega-transforms";
import {extend} from "vega-util";
import {View} from "vega-view";
import * as vtx from "vega-view-transforms";

extend(transforms, tx, vtx, encode);

window.vega = {parse, View};
