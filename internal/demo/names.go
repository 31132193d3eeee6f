package demo

// Name pools. Indonesian names are mostly one to three given names with no
// family name; naming habits changed by generation (older Javanese single names
// like Suparman or Tukiyem, younger Arabic and Sanskrit compounds like Muhammad
// Rizky Pratama), and some regions do carry family names (Batak marga, Minahasa,
// Ambon, NTT and Papua fam names) or birth-order names (Bali). The pools are big
// enough that names repeat as they do in a real village register, which is what
// duplicate detection and name search must cope with.

// Men's names common in every generation.
var maleCommon = []string{
	"Budi", "Agus", "Wahyu", "Eko", "Dian", "Hendra", "Joko", "Andi", "Rudi", "Dedi",
	"Heri", "Yusuf", "Arif", "Adi", "Irfan", "Rahmat", "Hadi", "Bambang", "Hari", "Teguh",
	"Iwan", "Anton", "Rizal", "Indra", "Taufik", "Hasan", "Ali", "Umar", "Ibrahim", "Ismail",
	"Abdul", "Dwi", "Tri", "Imam", "Sigit", "Yudi", "Surya", "Aris", "Haris", "Anwar",
	"Syaiful", "Nanang", "Edi", "Rohmat", "Ridwan", "Zainal", "Hamid", "Yanto", "Dodi", "Tono",
}

// Men's names mostly of people born before about 1975.
var maleTraditional = []string{
	"Slamet", "Suparman", "Sutrisno", "Sukardi", "Sugeng", "Supardi", "Suyono", "Tukiran", "Paijo", "Sarno",
	"Mulyono", "Kasim", "Darmo", "Rasimin", "Karno", "Parman", "Samsul", "Sudirman", "Warsito", "Ngadimin",
	"Jumadi", "Sutarno", "Suwarno", "Wagiman", "Kusnadi", "Sumardi", "Poniman", "Kasiman", "Marjuki", "Sanusi",
}

// Men's names mostly of people born after about 1990.
var maleModern = []string{
	"Rizky", "Fajar", "Bayu", "Dimas", "Yoga", "Ilham", "Aditya", "Reza", "Dani", "Galih",
	"Gilang", "Farhan", "Alif", "Zaki", "Rafi", "Bagas", "Arya", "Naufal", "Raka", "Fikri",
	"Hafiz", "Daffa", "Akbar", "Rendi", "Kevin", "Aldi", "Fadli", "Rangga", "Satria", "Azka",
}

// Women's names common in every generation.
var femaleCommon = []string{
	"Dewi", "Rina", "Putri", "Ayu", "Fitri", "Yanti", "Wati", "Dian", "Ani", "Eka",
	"Indah", "Ratna", "Yuni", "Rini", "Nia", "Lina", "Maya", "Novi", "Wulan", "Dwi",
	"Tri", "Endang", "Susi", "Ida", "Eni", "Tuti", "Yulia", "Desi", "Rika", "Mega",
	"Ningsih", "Lilis", "Erna", "Heni", "Yati", "Sari", "Umi", "Rahma", "Ernawati", "Nurhayati",
}

// Women's names mostly of people born before about 1975.
var femaleTraditional = []string{
	"Sumarni", "Tukiyem", "Painem", "Suminah", "Sulastri", "Wagiyem", "Sutini", "Supini", "Warsini", "Juminten",
	"Ngatini", "Rukmini", "Sumiati", "Karsinah", "Tarsih", "Darsih", "Rasminah", "Kasmini", "Paini", "Sainem",
	"Kartini", "Mursidah", "Maemunah", "Surtini", "Jumiati",
}

// Women's names mostly of people born after about 1990.
var femaleModern = []string{
	"Intan", "Nabila", "Aulia", "Zahra", "Salsabila", "Anisa", "Aisyah", "Nurul", "Anggi", "Dinda",
	"Citra", "Kirana", "Laras", "Melati", "Sekar", "Nadia", "Amelia", "Alya", "Keisha", "Naura",
	"Syifa", "Nayla", "Adinda", "Tiara", "Cahya",
}

// Second (and third) names of men.
var maleSecond = []string{
	"Kurniawan", "Saputra", "Hidayat", "Setiawan", "Pratama", "Nugroho", "Santoso", "Wibowo", "Susanto", "Prasetyo",
	"Firmansyah", "Ramadhan", "Hakim", "Syahputra", "Gunawan", "Wijaya", "Purnomo", "Hartono", "Suryadi", "Permana",
	"Hermawan", "Kusuma", "Saputro", "Utomo", "Sulistyo", "Maulana", "Hidayatullah", "Rahman", "Rohman", "Fauzan",
	"Arifin", "Sholeh", "Mustofa", "Hasanudin", "Syahrul", "Efendi", "Irawan", "Darmawan", "Budiman", "Sugiarto",
	"Wahyudi", "Haryanto", "Riyadi", "Supriyadi", "Sutanto", "Nurdin", "Iskandar", "Yulianto", "Putra", "Mulyadi",
	"Junaidi", "Ferdiansyah", "Fauzi", "Hamdani",
}

// Second (and third) names of women.
var femaleSecond = []string{
	"Lestari", "Rahmawati", "Wahyuni", "Handayani", "Susanti", "Puspita", "Anggraini", "Rahayu", "Kartika", "Sari",
	"Wulandari", "Maharani", "Safitri", "Aminah", "Fatimah", "Aisyah", "Utami", "Permatasari", "Novitasari", "Yulianti",
	"Purwanti", "Suryani", "Hasanah", "Kurniasih", "Nurhayati", "Mulyani", "Setyaningsih", "Astuti", "Hartati", "Pertiwi",
	"Oktaviani", "Fitriani", "Agustina", "Damayanti", "Kusumawati", "Maryam", "Khoirunnisa", "Marlina", "Saraswati", "Febriani",
	"Herawati", "Indriani", "Wijayanti", "Rohmah", "Azizah", "Amalia", "Nuraini", "Juwita", "Andriani", "Ramadhani",
	"Zulaikha", "Khasanah",
}

// Sundanese names (West Java, Banten), mixed into the common pools there.
var (
	maleSunda   = []string{"Asep", "Ujang", "Dadang", "Cecep", "Deden", "Yayan", "Ade", "Dede", "Engkos", "Jajang", "Ence", "Aceng", "Ohim", "Usep", "Endang"}
	femaleSunda = []string{"Euis", "Neng", "Iis", "Entin", "Imas", "Enok", "Cucu", "Popon", "Yeti", "Nining", "Enung", "Oom", "Nunung", "Cicih", "Ai"}
)

// Balinese names: birth-order names (first to fourth child; the fifth starts
// again) and the given names that follow them.
var (
	baliOrderMale   = [4][]string{{"Wayan", "Putu", "Gede"}, {"Made", "Kadek"}, {"Nyoman", "Komang"}, {"Ketut"}}
	baliOrderFemale = [4][]string{{"Wayan", "Putu", "Luh"}, {"Made", "Kadek"}, {"Nyoman", "Komang"}, {"Ketut"}}
	maleBali        = []string{"Sudarma", "Suarta", "Artawan", "Budiarta", "Wirawan", "Suardana", "Adnyana", "Mahendra", "Sukarta", "Darmawan", "Sumerta", "Arsana", "Widiana", "Astawa", "Sutama"}
	femaleBali      = []string{"Sukarni", "Ariani", "Suastini", "Wulandari", "Puspawati", "Darmini", "Sukerti", "Suartini", "Ayu Lestari", "Sriani", "Widiastuti", "Kariasih", "Sumerti", "Yuliani", "Ratnadi"}
)

// Batak names (North Sumatra): given names and marga (clan names).
var (
	maleBatak   = []string{"Togar", "Parulian", "Maruli", "Hotman", "Binsar", "Sahat", "Jonggi", "Poltak", "Tigor", "Rudolf", "Robert", "Daniel", "Hendrik", "Frans", "Benny"}
	femaleBatak = []string{"Rosmawati", "Tiurma", "Romauli", "Lasma", "Rotua", "Dameria", "Sondang", "Nurmaida", "Hotmaida", "Rosdiana", "Lamtiur", "Rumondang", "Tiominar", "Erlina", "Mery"}
	marga       = []string{"Siregar", "Simanjuntak", "Nasution", "Harahap", "Lubis", "Sitompul", "Hutapea", "Sinaga", "Situmorang", "Panjaitan", "Manurung", "Silalahi", "Simatupang", "Pardede", "Sihombing", "Tambunan", "Hutagalung", "Pasaribu", "Sitorus", "Ginting", "Tarigan", "Sembiring", "Damanik", "Purba", "Saragih"}
)

// Christian given names of eastern Indonesia (NTT, North Sulawesi, Maluku, Papua).
var (
	maleEast   = []string{"Yohanes", "Yosef", "Fransiskus", "Petrus", "Paulus", "Markus", "Yakobus", "Stefanus", "Agustinus", "Antonius", "Simon", "Daniel", "Yulius", "Kornelis", "Marthen", "Obet", "Yance", "Melkianus", "Alfons", "Benyamin"}
	femaleEast = []string{"Maria", "Yohana", "Agustina", "Theresia", "Veronika", "Kristina", "Elisabeth", "Magdalena", "Margaretha", "Yuliana", "Fransiska", "Martha", "Debora", "Ester", "Yosina", "Mariana", "Sance", "Adolfina", "Selvi", "Meri"}
)

// Family (fam) names by region of eastern Indonesia.
var (
	famNTT      = []string{"Bria", "Tefa", "Nahak", "Manek", "Seran", "Ndun", "Lay", "Riwu", "Kase", "Dethan", "Tallo", "Benu", "Nenabu", "Fanggidae", "Bataona"}
	famMinahasa = []string{"Rumondor", "Lumowa", "Mandagi", "Kaunang", "Tumbelaka", "Wowor", "Sondakh", "Pangemanan", "Rumengan", "Lengkong", "Tumiwa", "Rondonuwu", "Supit", "Walangitan", "Kalalo"}
	famMaluku   = []string{"Pattinama", "Sahetapy", "Tuhumury", "Matulessy", "Pattiasina", "Leiwakabessy", "Latumahina", "Tahapary", "Siwabessy", "Manuputty", "Ririmasse", "Pattikawa", "Wattimena", "Lekatompessy", "Huwae"}
	famPapua    = []string{"Wenda", "Kogoya", "Tabuni", "Rumbiak", "Mandowen", "Wanggai", "Yikwa", "Wonda", "Murib", "Rumbekwan", "Karubaba", "Ayomi", "Yoku", "Mirino", "Kambu"}
)

// Streets and hamlets for addresses.
var (
	streets = []string{"Melati", "Mawar", "Anggrek", "Kenanga", "Flamboyan", "Cempaka", "Dahlia", "Kamboja", "Merdeka", "Sudirman",
		"Diponegoro", "Gatot Subroto", "Ahmad Yani", "Pahlawan", "Veteran", "Kartini", "Imam Bonjol", "Pemuda", "Raya", "Masjid",
		"Pasar", "Stasiun", "Cendrawasih", "Rajawali", "Merpati", "Kutilang", "Nangka", "Mangga", "Rambutan", "Durian",
		"Teratai", "Sakura", "Bougenville", "Semangka", "Kelapa", "Pisang", "Cemara", "Beringin", "Asem", "Flores"}
	hamlets = []string{"Krajan", "Sukamaju", "Sukamulya", "Karanganyar", "Kedungsari", "Sidomulyo", "Tegalrejo", "Ngasem", "Wonorejo", "Sumberejo",
		"Cikadu", "Babakan", "Cibeureum", "Pasirjaya", "Mekarsari", "Sindangsari", "Lebak", "Kaum", "Tengah", "Kidul",
		"Lor", "Wetan", "Kulon", "Pancuran", "Mulyorejo", "Sukorejo", "Bojong", "Cilimus", "Margamulya", "Tanjungsari"}
)
