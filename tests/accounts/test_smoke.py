def test_it_renders_the_home_page_in_chinese(client, db):
    response = client.get("/")
    assert response.status_code == 200
